package focus.apiaccess.keycloak.secret;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSecretConstants;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.context.ClientModelContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * Keycloak's {@code secret-rotation} executor stamps {@value ClientSecretConstants#CLIENT_SECRET_EXPIRATION}
 * on a client whenever it is created, updated, its secret regenerated, or (first time) it logs in through the
 * authorization or token request events; once that time passes, client authentication fails even for the
 * correct secret. Removing the stamp right after makes the current secret permanent. The rotated secret's own
 * expiry ({@value ClientSecretConstants#CLIENT_ROTATED_SECRET_EXPIRATION_TIME}) is what bounds the grace period,
 * and it is left untouched.
 */
public class SecretNoExpiryExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    @Override
    public String getProviderId() {
        return SecretNoExpiryExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) {
        switch (context.getEvent()) {
            case REGISTERED, UPDATED, AUTHORIZATION_REQUEST, TOKEN_REQUEST -> {
                if (context instanceof ClientModelContext withClient) removeExpiry(withClient.getClient());
            }
            default -> {
            }
        }
    }

    private static void removeExpiry(ClientModel client) {
        if (client != null && client.getAttribute(ClientSecretConstants.CLIENT_SECRET_EXPIRATION) != null) {
            client.removeAttribute(ClientSecretConstants.CLIENT_SECRET_EXPIRATION);
        }
    }
}
