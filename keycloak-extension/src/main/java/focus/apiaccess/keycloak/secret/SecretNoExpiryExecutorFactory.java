package focus.apiaccess.keycloak.secret;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

import focus.apiaccess.keycloak.NoLifecycle;

/**
 * Companion of Keycloak's {@code secret-rotation} executor that keeps a client's current secret from ever
 * expiring, while leaving the rotated (previous) secret's grace period alone. List it after
 * {@code secret-rotation} in the same client profile.
 */
public class SecretNoExpiryExecutorFactory implements ClientPolicyExecutorProviderFactory, NoLifecycle<ClientPolicyExecutorProvider> {

    public static final String PROVIDER_ID = "focus-secret-no-expiry";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new SecretNoExpiryExecutor();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Removes the expiry that the secret-rotation executor puts on a client's current secret, so the "
                + "secret works until an administrator regenerates it. The previous secret still expires after the "
                + "rotated-expiration-period. Must come after secret-rotation in the profile.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
