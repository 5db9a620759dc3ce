package focus.apiaccess.keycloak.iprange;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

import focus.apiaccess.keycloak.NoLifecycle;

/**
 * Client-policy executor that lets a client get tokens only from the IP ranges in its
 * {@value #IP_RANGES_ATTRIBUTE} attribute. Provider id and attribute key are shared names (contract.json).
 */
public class IpRangeExecutorFactory implements ClientPolicyExecutorProviderFactory, NoLifecycle<ClientPolicyExecutorProvider> {

    public static final String PROVIDER_ID = "focus-ip-range";
    public static final String IP_RANGES_ATTRIBUTE = "focus.ip-ranges";

    private final WarnOnce warned = new WarnOnce();

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new IpRangeExecutor(session, this);
    }

    /** True the first time a given client has a given unreadable value, so it is logged once. */
    boolean firstWarning(String realmId, String clientUuid, String storedValue) {
        return warned.first(realmId + '\n' + clientUuid + '\n' + storedValue);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Refuses tokens to a client when the caller's address is outside the IP ranges (CIDR or single "
                + "addresses, IPv4 and IPv6, separated by commas) in the client attribute " + IP_RANGES_ATTRIBUTE
                + ". A client without that attribute is not restricted; a value that does not parse refuses every "
                + "token request. Admin changes that would store such a value are refused.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
