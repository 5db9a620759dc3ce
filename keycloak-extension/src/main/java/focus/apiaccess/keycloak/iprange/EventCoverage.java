package focus.apiaccess.keycloak.iprange;

import java.util.EnumMap;
import java.util.Map;

import org.keycloak.services.clientpolicy.ClientPolicyEvent;

/**
 * What the IP-range executor does on each client-policy event of Keycloak 26.7. Every constant of
 * {@link ClientPolicyEvent} is listed on purpose: a Keycloak upgrade that adds one fails the unit test until
 * someone decides whether it can hand out tokens.
 */
public enum EventCoverage {
    /** A token is about to be issued at the token endpoint: the caller's address must be in range. */
    TOKEN_REQUEST,
    /** Authorization endpoint: checked only for implicit and hybrid response types, which issue tokens there. */
    AUTHORIZATION_REQUEST,
    /** An admin or registration request proposes a client representation: its ranges must parse. */
    CLIENT_PROPOSED,
    /** A client was just stored: its ranges must parse, or the change is rolled back. */
    CLIENT_STORED,
    /** Issues no token and stores no client. */
    NOT_COVERED;

    private static final Map<ClientPolicyEvent, EventCoverage> BY_EVENT = new EnumMap<>(ClientPolicyEvent.class);

    static {
        cover(TOKEN_REQUEST,
                ClientPolicyEvent.SERVICE_ACCOUNT_TOKEN_REQUEST,
                ClientPolicyEvent.TOKEN_REQUEST,
                ClientPolicyEvent.TOKEN_REFRESH,
                ClientPolicyEvent.RESOURCE_OWNER_PASSWORD_CREDENTIALS_REQUEST,
                ClientPolicyEvent.TOKEN_EXCHANGE_REQUEST,
                ClientPolicyEvent.DEVICE_TOKEN_REQUEST,
                ClientPolicyEvent.BACKCHANNEL_TOKEN_REQUEST,
                ClientPolicyEvent.JWT_AUTHORIZATION_GRANT,
                // Tokens returned by the authorization endpoint (implicit, hybrid); fired after the user logged in.
                ClientPolicyEvent.IMPLICIT_HYBRID_TOKEN_RESPONSE);
        cover(AUTHORIZATION_REQUEST, ClientPolicyEvent.AUTHORIZATION_REQUEST);
        cover(CLIENT_PROPOSED, ClientPolicyEvent.REGISTER, ClientPolicyEvent.UPDATE);
        cover(CLIENT_STORED, ClientPolicyEvent.REGISTERED, ClientPolicyEvent.UPDATED);
        cover(NOT_COVERED,
                ClientPolicyEvent.VIEW,
                ClientPolicyEvent.UNREGISTER,
                // Runs before the client is authenticated; TOKEN_REQUEST covers the same request afterwards.
                ClientPolicyEvent.PRE_TOKEN_REQUEST,
                ClientPolicyEvent.PRE_AUTHORIZATION_REQUEST,
                // *_RESPONSE events follow a request event that was already checked.
                ClientPolicyEvent.TOKEN_RESPONSE,
                ClientPolicyEvent.SERVICE_ACCOUNT_TOKEN_RESPONSE,
                ClientPolicyEvent.TOKEN_REFRESH_RESPONSE,
                ClientPolicyEvent.BACKCHANNEL_TOKEN_RESPONSE,
                ClientPolicyEvent.DEVICE_TOKEN_RESPONSE,
                ClientPolicyEvent.RESOURCE_OWNER_PASSWORD_CREDENTIALS_RESPONSE,
                // Start a flow whose token request is checked (CIBA, device, PAR).
                ClientPolicyEvent.BACKCHANNEL_AUTHENTICATION_REQUEST,
                ClientPolicyEvent.DEVICE_AUTHORIZATION_REQUEST,
                ClientPolicyEvent.PUSHED_AUTHORIZATION_REQUEST,
                // Use or end tokens that were issued under the check.
                ClientPolicyEvent.TOKEN_REVOKE,
                ClientPolicyEvent.TOKEN_REVOKE_RESPONSE,
                ClientPolicyEvent.TOKEN_INTROSPECT,
                ClientPolicyEvent.USERINFO_REQUEST,
                ClientPolicyEvent.LOGOUT_REQUEST,
                ClientPolicyEvent.IDENTITY_BROKERING_API,
                // SAML clients are out of scope: API clients are OpenID Connect clients.
                ClientPolicyEvent.SAML_AUTHN_REQUEST,
                ClientPolicyEvent.SAML_LOGOUT_REQUEST);
    }

    private static void cover(EventCoverage coverage, ClientPolicyEvent... events) {
        for (ClientPolicyEvent event : events) {
            if (BY_EVENT.put(event, coverage) != null) throw new IllegalStateException(event + " listed twice");
        }
    }

    /** The coverage of an event; an event this class does not list is reported as {@code null}. */
    public static EventCoverage of(ClientPolicyEvent event) {
        return BY_EVENT.get(event);
    }
}
