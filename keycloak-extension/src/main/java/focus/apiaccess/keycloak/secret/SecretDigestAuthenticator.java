package focus.apiaccess.keycloak.secret;

import java.time.Instant;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.ClientAuthenticationFlowContext;
import org.keycloak.authentication.ClientAuthenticator;
import org.keycloak.authentication.authenticators.client.ClientAuthUtil;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.models.ClientModel;

import focus.apiaccess.keycloak.iprange.CallerCheck;
import focus.apiaccess.keycloak.iprange.IpRangeExecutor;
import focus.apiaccess.keycloak.iprange.IpRangeExecutorFactory;

/**
 * Authenticates the clients whose authenticator is {@value SecretDigestAuthenticatorFactory#PROVIDER_ID} (FOCUS API
 * clients) by their secret's digest ({@link SecretCheck}); every other client is left to the next authenticator of the
 * flow, untouched. It runs wherever Keycloak authenticates a client: the token, introspection, revocation, pushed
 * authorization request, device authorization and CIBA endpoints.
 *
 * <p>The caller's address is checked before the secret is looked at, and every refusal gets the one answer Keycloak
 * gives a Client ID it does not know (HTTP 401 {@code invalid_client}, RFC 6749's error for a failed client
 * authentication): from outside a client's IP ranges a leaked secret cannot be told from a wrong one, and a wrong
 * secret does not tell that the Client ID exists. Every endpoint passes that answer on unchanged (introspection
 * rewrites only {@code unauthorized_client}). Why a request was refused goes only into the event, as detail {@code reason},
 * whose first word is stable ({@link #INVALID_SECRET}, {@link #EXPIRED}, {@link #DISABLED}, and the IP-range words of
 * {@link IpRangeExecutor}).
 */
public class SecretDigestAuthenticator implements ClientAuthenticator {

    private static final Logger LOG = Logger.getLogger(SecretDigestAuthenticator.class);

    public static final String INVALID_SECRET = "invalid_secret";
    public static final String EXPIRED = "expired";
    public static final String DISABLED = "disabled";
    /** The event detail that carries the refusal's description. */
    public static final String REASON_DETAIL = Details.REASON;

    /**
     * Why a request is refused: Keycloak's error for the event, the description that starts with a stable word, and
     * whether a stored value that cannot be read is the cause (every request of the client is then refused).
     */
    record Refusal(AuthenticationFlowError error, String description, boolean unreadable) {
    }

    private final SecretDigestAuthenticatorFactory factory;

    SecretDigestAuthenticator(SecretDigestAuthenticatorFactory factory) {
        this.factory = factory;
    }

    @Override
    public void authenticateClient(ClientAuthenticationFlowContext context) {
        HttpHeaders headers = context.getHttpRequest().getHttpHeaders();
        MediaType type = headers.getMediaType();
        MultivaluedMap<String, String> form = type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                ? context.getHttpRequest().getDecodedFormParameters() : null;
        PresentedCredentials presented = PresentedCredentials.of(headers.getRequestHeaders().getFirst(HttpHeaders.AUTHORIZATION), form,
                context.getSession().getAttribute("client_id", String.class));
        if (presented == null) return;
        ClientModel client = context.getSession().clients().getClientByClientId(context.getRealm(), presented.clientId());
        if (client == null || !SecretDigestAuthenticatorFactory.PROVIDER_ID.equals(client.getClientAuthenticatorType())) return;

        context.getEvent().client(client);
        context.setClient(client);
        String remote = context.getConnection().getRemoteAddr();
        Refusal refusal = decide(client.getAttribute(IpRangeExecutorFactory.IP_RANGES_ATTRIBUTE), remote, StoredSecrets.of(client),
                presented.secret(), client.isEnabled(), Time.currentTime());
        if (refusal == null) {
            context.success();
            return;
        }
        if (refusal.unreadable()) warnOnce(client, refusal);
        context.getEvent().detail(REASON_DETAIL, refusal.description());
        context.failure(refusal.error(), ClientAuthUtil.errorResponse(Response.Status.UNAUTHORIZED.getStatusCode(), OAuthErrorException.INVALID_CLIENT,
                "Invalid client or Invalid client credentials"));
    }

    /**
     * The decision, pure: {@code null} to let the client in, else why not. The address comes first and, when it is
     * refused, the secret is not looked at; a disabled client is told as such only to a caller who knows its secret.
     */
    static Refusal decide(String ipRanges, String remoteAddress, StoredSecrets stored, String secret, boolean enabled, long now) {
        CallerCheck.Verdict caller = CallerCheck.check(ipRanges, remoteAddress);
        switch (caller.outcome()) {
            case UNRESTRICTED, ALLOWED -> {
            }
            case OUTSIDE_RANGES -> {
                return invalid(IpRangeExecutor.IP_NOT_ALLOWED + ": " + caller.caller() + " is not in the IP ranges allowed for this client");
            }
            case RANGES_UNREADABLE -> {
                return new Refusal(AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS, IpRangeExecutor.IP_RANGES_INVALID
                        + ": the IP ranges configured for this client cannot be read, so " + caller.caller() + " is refused", true);
            }
            case ADDRESS_UNKNOWN -> {
                return invalid(IpRangeExecutor.IP_UNKNOWN + ": the caller's address (" + caller.caller()
                        + ") cannot be matched against this client's IP ranges");
            }
        }
        if (secret == null) return invalid(INVALID_SECRET + ": no secret was sent, or one in the header and one in the form");
        SecretCheck.Verdict verdict = SecretCheck.check(stored, secret, now);
        return switch (verdict.outcome()) {
            case CURRENT, PREVIOUS -> enabled ? null
                    : new Refusal(AuthenticationFlowError.CLIENT_DISABLED, DISABLED + ": the client is disabled", false);
            case EXPIRED -> invalid(EXPIRED + ": the secret expired at " + Instant.ofEpochSecond(verdict.until()));
            case PREVIOUS_ENDED -> invalid(INVALID_SECRET + ": this is the previous secret, whose grace period has ended");
            case WRONG -> invalid(INVALID_SECRET + ": the secret is not this client's");
            case NO_SECRET -> invalid(INVALID_SECRET + ": no secret has been generated for this client");
            case UNREADABLE -> new Refusal(AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS,
                    INVALID_SECRET + ": the stored digest or expiry of this client's secret cannot be read", true);
        };
    }

    private static Refusal invalid(String description) {
        return new Refusal(AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS, description, false);
    }

    /** A stored value nobody can read refuses every request of the client: say so once in Keycloak's log. */
    private void warnOnce(ClientModel client, Refusal refusal) {
        StoredSecrets stored = StoredSecrets.of(client);
        String key = client.getId() + '\n' + client.getAttribute(IpRangeExecutorFactory.IP_RANGES_ATTRIBUTE) + '\n' + stored.digest() + '\n'
                + stored.expiresAt();
        if (factory.firstWarning(key)) {
            LOG.warnf("Client %s of realm %s is refused every request until an administrator corrects it: %s", client.getClientId(),
                    client.getRealm().getName(), refusal.description());
        }
    }

    @Override
    public void close() {
    }
}
