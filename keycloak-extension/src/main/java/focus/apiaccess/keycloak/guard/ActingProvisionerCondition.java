package focus.apiaccess.keycloak.guard;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.representations.idm.ClientPolicyConditionConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyVote;
import org.keycloak.services.clientpolicy.condition.AbstractClientPolicyConditionProvider;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientregistration.ClientRegistrationTokenUtils;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Matches a create, read, update or delete of a client (admin API or client registration) by the service account of
 * the configured client. Also matches client-registration requests made with a registration or initial access
 * token: such a token carries no user, and anyone allowed to manage clients can mint one for any client, so it may
 * stand for that service account.
 *
 * <p>Unlike Keycloak's {@code client-updater-source-roles}, it votes on deletes (UNREGISTER) and reads (VIEW) too.
 * Other events are not changes to a client: it abstains.
 */
public class ActingProvisionerCondition extends AbstractClientPolicyConditionProvider<ActingProvisionerCondition.Configuration> {

    public static class Configuration extends ClientPolicyConditionConfigurationRepresentation {

        @JsonProperty(ActingProvisionerConditionFactory.CLIENT_ID)
        protected String clientId;

        public String getClientId() {
            return clientId;
        }

        public void setClientId(String clientId) {
            this.clientId = clientId;
        }
    }

    public ActingProvisionerCondition(KeycloakSession session) {
        super(session);
    }

    @Override
    public Class<Configuration> getConditionConfigurationClass() {
        return Configuration.class;
    }

    @Override
    public String getProviderId() {
        return ActingProvisionerConditionFactory.PROVIDER_ID;
    }

    @Override
    public ClientPolicyVote applyPolicy(ClientPolicyContext context) {
        if (!(context instanceof ClientCRUDContext crud)) return ClientPolicyVote.ABSTAIN;
        switch (context.getEvent()) {
            case REGISTER, REGISTERED, UPDATE, UPDATED, UNREGISTER, VIEW -> {
            }
            default -> {
                return ClientPolicyVote.ABSTAIN;
            }
        }
        if (isRegistrationToken(crud.getToken())) return ClientPolicyVote.YES;
        return isServiceAccountOf(crud.getAuthenticatedUser(), session.getContext().getRealm(), configuredClientId())
                ? ClientPolicyVote.YES
                : ClientPolicyVote.NO;
    }

    private String configuredClientId() {
        String configured = configuration == null ? null : configuration.getClientId();
        return configured == null || configured.isBlank() ? ActingProvisionerConditionFactory.DEFAULT_CLIENT_ID : configured;
    }

    static boolean isRegistrationToken(JsonWebToken token) {
        if (token == null) return false;
        String type = token.getType();
        return ClientRegistrationTokenUtils.TYPE_REGISTRATION_ACCESS_TOKEN.equals(type)
                || ClientRegistrationTokenUtils.TYPE_INITIAL_ACCESS_TOKEN.equals(type);
    }

    /** The user is the service account of the client with this Client ID in the realm being changed. */
    public static boolean isServiceAccountOf(UserModel user, RealmModel realm, String clientId) {
        if (user == null || realm == null) return false;
        String link = user.getServiceAccountClientLink();
        if (link == null) return false;
        ClientModel owner = realm.getClientById(link);
        return owner != null && clientId.equals(owner.getClientId());
    }
}
