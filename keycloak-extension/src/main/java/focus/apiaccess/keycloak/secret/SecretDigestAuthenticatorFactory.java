package focus.apiaccess.keycloak.secret;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.authentication.ClientAuthenticator;
import org.keycloak.authentication.ClientAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import focus.apiaccess.keycloak.NoLifecycle;
import focus.apiaccess.keycloak.iprange.WarnOnce;

/**
 * Client authenticator {@value #PROVIDER_ID} (see {@link SecretDigestAuthenticator}): an API client's secret checked
 * against its salted digest, the caller's address first. It belongs first in the realm's client authentication flow
 * (realm-config: {@code focus clients}), before Keycloak's own authenticators, which then serve every other client.
 * The provider id is a shared name (contract.json).
 */
public class SecretDigestAuthenticatorFactory implements ClientAuthenticatorFactory, NoLifecycle<ClientAuthenticator> {

    public static final String PROVIDER_ID = "focus-client-secret-digest";

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.ALTERNATIVE, AuthenticationExecutionModel.Requirement.DISABLED,
    };

    private final WarnOnce warned = new WarnOnce();
    private final SecretDigestAuthenticator authenticator = new SecretDigestAuthenticator(this);

    /** True the first time a given problem of a client's stored values is met, so it is logged once. */
    boolean firstWarning(String key) {
        return warned.first(key);
    }

    @Override
    public ClientAuthenticator create() {
        return authenticator;
    }

    @Override
    public ClientAuthenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "FOCUS API client secret (digest)";
    }

    @Override
    public String getHelpText() {
        return "Checks the caller's address against the client's IP ranges (focus.ip-ranges), then the client secret, sent "
                + "with client_secret_basic or client_secret_post, against the salted digest of the secret Keycloak generated "
                + "(focus.secret.digest), or of the previous one during its grace period. Keycloak keeps no secret in clear.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public List<ProviderConfigProperty> getConfigPropertiesPerClient() {
        return List.of();
    }

    /** There is nothing to hand out: Keycloak does not have the secret. */
    @Override
    public Map<String, Object> getAdapterConfiguration(KeycloakSession session, ClientModel client) {
        return Map.of();
    }

    /**
     * None: Keycloak picks the authenticator for a dynamically registered client by these methods, and that must stay
     * {@code client-secret} (which already announces {@code client_secret_basic} and {@code client_secret_post}).
     */
    @Override
    public Set<String> getProtocolAuthenticatorMethods(String loginProtocol) {
        return Set.of();
    }

    /** A secret, generated with {@code POST …/client-secret}, as for {@code client-secret}. */
    @Override
    public boolean supportsSecret() {
        return true;
    }
}
