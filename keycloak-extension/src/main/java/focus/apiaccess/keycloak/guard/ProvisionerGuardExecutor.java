package focus.apiaccess.keycloak.guard;

import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.context.ClientSecretRotationContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import static focus.apiaccess.keycloak.guard.ProvisionerGuardExecutorFactory.MANAGED_ATTRIBUTE;

/**
 * Keeps the account its policy selects (the provisioner's service account) to FOCUS API clients: it may create only
 * managed clients, and read, change, regenerate the secret of or delete only clients that carry the managed marker;
 * it may never remove that marker, set a secret or write Keycloak's secret attributes. See {@link GuardRules}.
 *
 * <p>Covered are the admin-API and client-registration events Keycloak raises for clients: create, read by id,
 * update, secret regeneration and delete. Endpoints that raise no client-policy event are out of its reach (the
 * extension's README lists them).
 */
public class ProvisionerGuardExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    private final KeycloakSession session;

    public ProvisionerGuardExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return ProvisionerGuardExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        if (!(context instanceof ClientCRUDContext crud)) return;
        String refusal = switch (context.getEvent()) {
            case REGISTER -> proposal(crud, true);
            case UPDATE -> {
                String onTarget = target(crud, "change");
                yield onTarget != null ? onTarget : proposal(crud, false);
            }
            // A regeneration: Keycloak has already set the new secret on the client when this event comes.
            case UPDATED -> context instanceof ClientSecretRotationContext ? target(crud, "regenerate the secret of") : null;
            case UNREGISTER -> target(crud, "delete");
            case VIEW -> target(crud, "read");
            default -> null;
        };
        if (refusal == null) return;
        // Whatever Keycloak already changed in this request must not be stored.
        session.getTransactionManager().setRollbackOnly();
        throw new ClientPolicyException(OAuthErrorException.ACCESS_DENIED, refusal);
    }

    private static String target(ClientCRUDContext crud, String action) {
        ClientModel client = crud.getTargetClient();
        // No client, nothing to judge: Keycloak answers 404 itself.
        if (client == null) return null;
        return GuardRules.target(client.getClientId(), client.getAttribute(MANAGED_ATTRIBUTE), action);
    }

    private static String proposal(ClientCRUDContext crud, boolean creating) {
        ClientRepresentation proposed = crud.getProposedClientRepresentation();
        if (proposed == null) return creating ? GuardRules.proposal(null, null, true) : null;
        String contents = GuardRules.proposal(proposed.getAttributes(), proposed.getSecret(), creating);
        if (contents != null) return contents;
        ClientModel current = crud.getTargetClient();
        return GuardRules.authenticator(proposed.getClientAuthenticatorType(), current == null ? null : current.getClientAuthenticatorType(),
                creating);
    }
}
