package focus.apiaccess.keycloak.guard;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

import focus.apiaccess.keycloak.NoLifecycle;

/**
 * Client-policy executor that confines an account to managed API clients; bound by a policy whose condition is
 * {@value ActingProvisionerConditionFactory#PROVIDER_ID}. Provider id, marker key and value are shared names
 * (contract.json).
 */
public class ProvisionerGuardExecutorFactory implements ClientPolicyExecutorProviderFactory, NoLifecycle<ClientPolicyExecutorProvider> {

    public static final String PROVIDER_ID = "focus-provisioner-guard";
    public static final String MANAGED_ATTRIBUTE = "focus.api-client";
    public static final String MARKER_VALUE = "true";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new ProvisionerGuardExecutor(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Confines the accounts the policy selects to FOCUS API clients (" + MANAGED_ATTRIBUTE + "=" + MARKER_VALUE
                + "): they may create only such clients, and read, update, regenerate the secret of or delete no other "
                + "client; they may not remove the marker, set a secret, or write client.secret.* attributes.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
