package focus.apiaccess.keycloak.exclusion;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

import focus.apiaccess.keycloak.NoLifecycle;
import focus.apiaccess.keycloak.iprange.IpRangeExecutorFactory;

/**
 * Client-policy executor that refuses new IP ranges of an API client which shut out addresses it got a token from
 * recently, unless the request confirms it. Provider id and header are shared names (contract.json).
 */
public class AddressExclusionExecutorFactory implements ClientPolicyExecutorProviderFactory, NoLifecycle<ClientPolicyExecutorProvider> {

    public static final String PROVIDER_ID = "focus-address-exclusion";
    /** The header with which a request says that shutting out recently used addresses is meant ({@code true}). */
    public static final String CONFIRM_HEADER = "Focus-Confirm-Excluded-Addresses";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new AddressExclusionExecutor(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Refuses an update of a FOCUS API client whose new " + IpRangeExecutorFactory.IP_RANGES_ATTRIBUTE
                + " shut out addresses the client got a token from recently (and its current ranges let in), unless "
                + "the request carries the header " + CONFIRM_HEADER + ": true.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
