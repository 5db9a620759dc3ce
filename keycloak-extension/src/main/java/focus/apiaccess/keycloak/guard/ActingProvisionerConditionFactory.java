package focus.apiaccess.keycloak.guard;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.condition.AbstractClientPolicyConditionProviderFactory;
import org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProvider;

/** Client-policy condition "the change is made by the provisioner's service account"; provider id in contract.json. */
public class ActingProvisionerConditionFactory extends AbstractClientPolicyConditionProviderFactory {

    public static final String PROVIDER_ID = "focus-acting-provisioner";
    public static final String CLIENT_ID = "client-id";
    public static final String DEFAULT_CLIENT_ID = "api-access-provisioner";

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = new ArrayList<>();

    static {
        addCommonConfigProperties(CONFIG_PROPERTIES);
        CONFIG_PROPERTIES.add(new ProviderConfigProperty(CLIENT_ID, "Client ID",
                "The client whose service account this condition matches.", ProviderConfigProperty.STRING_TYPE,
                DEFAULT_CLIENT_ID));
    }

    @Override
    public ClientPolicyConditionProvider create(KeycloakSession session) {
        return new ActingProvisionerCondition(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Matches creates, reads, updates and deletes of clients made by the service account of the configured "
                + "client, and client-registration requests made with a registration or initial access token.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }
}
