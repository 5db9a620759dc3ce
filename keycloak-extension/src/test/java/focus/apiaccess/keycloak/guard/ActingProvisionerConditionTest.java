package focus.apiaccess.keycloak.guard;

import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyVote;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;

import focus.apiaccess.keycloak.Fakes;
import focus.apiaccess.keycloak.Fakes.SessionProbe;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ActingProvisionerConditionTest {

    private final ClientModel provisionerClient = Fakes.fake(ClientModel.class, Map.of("getClientId", "api-access-provisioner"));
    private final ClientModel otherClient = Fakes.fake(ClientModel.class, Map.of("getClientId", "some-other-client"));
    private final RealmModel realm = Fakes.fake(RealmModel.class, Map.of("getClientById", (Function<Object[], Object>) args ->
            switch ((String) args[0]) {
                case "provisioner-uuid" -> provisionerClient;
                case "other-uuid" -> otherClient;
                default -> null;
            }));

    private ActingProvisionerCondition condition(String configuredClientId) {
        ActingProvisionerCondition condition = new ActingProvisionerCondition(Fakes.session(Map.of("getRealm", realm), new SessionProbe()));
        ActingProvisionerCondition.Configuration configuration = new ActingProvisionerCondition.Configuration();
        configuration.setClientId(configuredClientId);
        condition.setupConfiguration(configuration);
        return condition;
    }

    private static UserModel serviceAccountOf(String clientUuid) {
        return Fakes.fake(UserModel.class, Map.of("getServiceAccountClientLink", clientUuid));
    }

    private static UserModel person() {
        return Fakes.fake(UserModel.class, Map.of("getServiceAccountClientLink", (Function<Object[], Object>) args -> null));
    }

    private static ClientCRUDContext change(ClientPolicyEvent event, UserModel user, JsonWebToken token) {
        return Fakes.fake(ClientCRUDContext.class, Map.of(
                "getEvent", event,
                "getAuthenticatedUser", (Function<Object[], Object>) args -> user,
                "getToken", (Function<Object[], Object>) args -> token));
    }

    private static JsonWebToken tokenOfType(String type) {
        JsonWebToken token = new JsonWebToken();
        token.type(type);
        return token;
    }

    @ParameterizedTest
    @EnumSource(value = ClientPolicyEvent.class, names = {"REGISTER", "REGISTERED", "UPDATE", "UPDATED", "UNREGISTER", "VIEW"})
    void matchesEveryChangeAndReadByTheProvisionersServiceAccount(ClientPolicyEvent event) {
        assertEquals(ClientPolicyVote.YES, condition("api-access-provisioner").applyPolicy(change(event, serviceAccountOf("provisioner-uuid"), null)));
    }

    @ParameterizedTest
    @EnumSource(value = ClientPolicyEvent.class, names = {"UPDATE", "UNREGISTER", "VIEW"})
    void doesNotMatchPeopleOrOtherServiceAccounts(ClientPolicyEvent event) {
        ActingProvisionerCondition condition = condition("api-access-provisioner");
        assertEquals(ClientPolicyVote.NO, condition.applyPolicy(change(event, person(), tokenOfType("Bearer"))));
        assertEquals(ClientPolicyVote.NO, condition.applyPolicy(change(event, serviceAccountOf("other-uuid"), null)));
        assertEquals(ClientPolicyVote.NO, condition.applyPolicy(change(event, serviceAccountOf("gone-uuid"), null)));
        assertEquals(ClientPolicyVote.NO, condition.applyPolicy(change(event, null, null)));
    }

    @ParameterizedTest
    @EnumSource(value = ClientPolicyEvent.class, names = {"REGISTER", "UPDATE", "UNREGISTER", "VIEW"})
    void matchesRegistrationAndInitialAccessTokensWhichAnyClientManagerCanMint(ClientPolicyEvent event) {
        ActingProvisionerCondition condition = condition("api-access-provisioner");
        assertEquals(ClientPolicyVote.YES, condition.applyPolicy(change(event, null, tokenOfType("RegistrationAccessToken"))));
        assertEquals(ClientPolicyVote.YES, condition.applyPolicy(change(event, null, tokenOfType("InitialAccessToken"))));
    }

    @Test
    void followsTheConfiguredClientAndDefaultsToTheProvisioner() {
        assertEquals(ClientPolicyVote.YES, condition("some-other-client").applyPolicy(change(ClientPolicyEvent.UPDATE, serviceAccountOf("other-uuid"), null)));
        assertEquals(ClientPolicyVote.NO, condition("some-other-client").applyPolicy(change(ClientPolicyEvent.UPDATE, serviceAccountOf("provisioner-uuid"), null)));
        assertEquals(ClientPolicyVote.YES, condition(null).applyPolicy(change(ClientPolicyEvent.UPDATE, serviceAccountOf("provisioner-uuid"), null)));
    }

    @ParameterizedTest
    @EnumSource(value = ClientPolicyEvent.class, names = {"SERVICE_ACCOUNT_TOKEN_REQUEST", "TOKEN_REQUEST", "AUTHORIZATION_REQUEST", "LOGOUT_REQUEST"})
    void abstainsOnEventsThatAreNotChangesToAClient(ClientPolicyEvent event) {
        assertEquals(ClientPolicyVote.ABSTAIN, condition("api-access-provisioner").applyPolicy(change(event, serviceAccountOf("provisioner-uuid"), null)));
    }
}
