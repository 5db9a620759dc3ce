package focus.apiaccess.keycloak.secret;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

import focus.apiaccess.keycloak.NoLifecycle;
import focus.apiaccess.keycloak.SharedLimits;

/**
 * Client-policy executor that keeps an API client's secrets as digests and decides about each new one (see
 * {@link SecretGenerationExecutor}). Provider id and attribute keys are shared names (contract.json).
 */
public class SecretGenerationExecutorFactory implements ClientPolicyExecutorProviderFactory, NoLifecycle<ClientPolicyExecutorProvider> {

    public static final String PROVIDER_ID = "focus-secret-generation";
    public static final String CREDENTIALS_REQUEST_ATTRIBUTE = "focus.credentials-request";
    /** Written by the provisioner when the answer of a generation was lost: the request key whose secret nobody has. */
    public static final String CREDENTIALS_UNDELIVERED_ATTRIBUTE = "focus.credentials-undelivered";
    /** Who generated the current secret and when (ISO-8601); the provisioner writes them once it delivered the secret. */
    public static final String CREDENTIALS_GENERATED_BY_ATTRIBUTE = "focus.credentials-generated-by";
    public static final String CREDENTIALS_GENERATED_AT_ATTRIBUTE = "focus.credentials-generated-at";
    /** Written (with any value) to end the previous secret's grace period at once; acted on and removed. */
    public static final String END_PREVIOUS_ATTRIBUTE = "focus.credentials-end-previous";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new SecretGenerationExecutor(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Keeps only salted digests of an API client's secrets: a new secret's digest replaces Keycloak's copy, the "
                + "replaced secret keeps working for grace-seconds (unless nobody was shown it), an optional expiry comes "
                + "from the " + SecretGenerationExecutor.LIFETIME_HEADER_NAME + " header, and " + END_PREVIOUS_ATTRIBUTE
                + " ends the grace period. Refuses a new secret while admin events include representations and a second "
                + "generation for the same Idempotency-Key; records in " + CREDENTIALS_REQUEST_ATTRIBUTE
                + " which request made the current secret.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        ProviderConfigProperty grace = new ProviderConfigProperty("grace-seconds", "Grace period (seconds)",
                "How long the previous secret keeps working after a regeneration", ProviderConfigProperty.STRING_TYPE,
                String.valueOf(SharedLimits.SECRET_GRACE_SECONDS_DEFAULT));
        return List.of(grace);
    }
}
