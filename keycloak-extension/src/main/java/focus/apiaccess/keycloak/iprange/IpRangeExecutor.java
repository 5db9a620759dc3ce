package focus.apiaccess.keycloak.iprange;

import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.AuthorizationRequestContext;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.context.ClientModelContext;
import org.keycloak.services.clientpolicy.context.ClientSecretRotationContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import static focus.apiaccess.keycloak.iprange.IpRangeExecutorFactory.IP_RANGES_ATTRIBUTE;

/**
 * Enforces a client's IP ranges on every token-issuing event and validates them whenever a client is
 * created or changed. See {@link EventCoverage} for the events and {@link CallerCheck} for the decision.
 *
 * <p>A refusal is a {@link ClientPolicyException}; Keycloak turns it into an OAuth error response
 * ({@code error_description} carries our text) and a {@code CLIENT_LOGIN_ERROR} event whose details hold
 * {@code reason=client_policy_error} and our text under {@code client_policy_error_detail}.
 */
public class IpRangeExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    private static final Logger LOG = Logger.getLogger(IpRangeExecutor.class);

    /** Leading word of each refusal description: stable, for people and programs reading events. */
    public static final String IP_NOT_ALLOWED = "ip_not_allowed";
    public static final String IP_RANGES_INVALID = "ip_ranges_invalid";
    public static final String IP_UNKNOWN = "ip_unknown";

    private final KeycloakSession session;
    private final IpRangeExecutorFactory factory;

    public IpRangeExecutor(KeycloakSession session, IpRangeExecutorFactory factory) {
        this.session = session;
        this.factory = factory;
    }

    @Override
    public String getProviderId() {
        return IpRangeExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        EventCoverage coverage = EventCoverage.of(context.getEvent());
        if (coverage == null) return;
        switch (coverage) {
            case TOKEN_REQUEST -> checkCaller(clientOf(context));
            case AUTHORIZATION_REQUEST -> {
                if (context instanceof AuthorizationRequestContext request
                        && request.getParsedResponseType() != null
                        && request.getParsedResponseType().isImplicitOrHybridFlow()) {
                    checkCaller(request.getClient());
                }
            }
            case CLIENT_PROPOSED -> validateProposed(context);
            case CLIENT_STORED -> validateStored(context);
            case NOT_COVERED -> {
            }
        }
    }

    private ClientModel clientOf(ClientPolicyContext context) {
        if (context instanceof ClientModelContext withClient && withClient.getClient() != null) {
            return withClient.getClient();
        }
        return session.getContext().getClient();
    }

    private void checkCaller(ClientModel client) throws ClientPolicyException {
        if (client == null) return;
        String stored = client.getAttribute(IP_RANGES_ATTRIBUTE);
        if (stored == null) return;
        String remote = session.getContext().getConnection().getRemoteAddr();
        CallerCheck.Verdict verdict = CallerCheck.check(stored, remote);
        switch (verdict.outcome()) {
            case UNRESTRICTED, ALLOWED -> {
            }
            case OUTSIDE_RANGES -> throw refusal(IP_NOT_ALLOWED + ": " + verdict.caller()
                    + " is not in the IP ranges allowed for this client");
            case RANGES_UNREADABLE -> {
                if (factory.firstWarning(client.getRealm().getId(), client.getId(), stored)) {
                    LOG.warnf("Client %s of realm %s has an unreadable %s attribute (%s); every token request of this "
                                    + "client is refused until an administrator corrects it",
                            client.getClientId(), client.getRealm().getName(), IP_RANGES_ATTRIBUTE,
                            verdict.problem().getMessage());
                }
                throw refusal(IP_RANGES_INVALID + ": the IP ranges configured for this client cannot be read, so "
                        + verdict.caller() + " is refused");
            }
            case ADDRESS_UNKNOWN -> throw refusal(IP_UNKNOWN + ": the caller's address (" + verdict.caller()
                    + ") cannot be matched against this client's IP ranges");
        }
    }

    private static ClientPolicyException refusal(String description) {
        return new ClientPolicyException(OAuthErrorException.UNAUTHORIZED_CLIENT, description);
    }

    private void validateProposed(ClientPolicyContext context) throws ClientPolicyException {
        if (!(context instanceof ClientCRUDContext crud)) return;
        ClientRepresentation proposed = crud.getProposedClientRepresentation();
        Map<String, String> attributes = proposed == null ? null : proposed.getAttributes();
        if (attributes == null) return;
        validate(attributes.get(IP_RANGES_ATTRIBUTE));
    }

    private void validateStored(ClientPolicyContext context) throws ClientPolicyException {
        // Regenerating a secret does not touch the ranges: a bad stored value must not block new credentials.
        if (context instanceof ClientSecretRotationContext) return;
        if (!(context instanceof ClientCRUDContext crud) || crud.getTargetClient() == null) return;
        try {
            validate(crud.getTargetClient().getAttribute(IP_RANGES_ATTRIBUTE));
        } catch (ClientPolicyException e) {
            // The client is already written in this transaction; the refusal must leave nothing behind.
            session.getTransactionManager().setRollbackOnly();
            throw e;
        }
    }

    private static void validate(String value) throws ClientPolicyException {
        try {
            IpRangeList.parse(value);
        } catch (InvalidIpRangeException e) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_CLIENT_METADATA,
                    "Invalid " + IP_RANGES_ATTRIBUTE + ": " + e.getMessage());
        }
    }
}
