package focus.apiaccess.keycloak.secret;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/**
 * Client-policy executor for the generation of an API client's secret (see {@link SecretGenerationExecutor}). Provider
 * id and attribute key are shared names (contract.json).
 */
public class SecretGenerationExecutorFactory implements ClientPolicyExecutorProviderFactory {

    public static final String PROVIDER_ID = "focus-secret-generation";
    public static final String CREDENTIALS_REQUEST_ATTRIBUTE = "focus.credentials-request";
    /** Written by the provisioner when the answer of a generation was lost: the request key whose secret nobody has. */
    public static final String CREDENTIALS_UNDELIVERED_ATTRIBUTE = "focus.credentials-undelivered";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new SecretGenerationExecutor(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Refuses a new secret while admin events include representations, refuses a second generation for the "
                + "same Idempotency-Key, ends a secret nobody was shown (made at creation, or whose answer was lost) at "
                + "once without displacing the previous one, and records in " + CREDENTIALS_REQUEST_ATTRIBUTE
                + " which request made the current secret. Must come after secret-rotation in the profile.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
