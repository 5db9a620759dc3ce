package focus.apiaccess.keycloak.secret;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSecretConstants;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.context.ClientModelContext;

import focus.apiaccess.keycloak.Fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SecretNoExpiryExecutorTest {

    @ParameterizedTest
    @EnumSource(ClientPolicyEvent.class)
    void removesOnlyTheCurrentSecretsExpiryAndOnlyWhereSecretRotationSetsIt(ClientPolicyEvent event) {
        ClientModel client = Fakes.client(Map.of(
                ClientSecretConstants.CLIENT_SECRET_EXPIRATION, "1700000000",
                ClientSecretConstants.CLIENT_SECRET_CREATION_TIME, "1690000000",
                ClientSecretConstants.CLIENT_ROTATED_SECRET_EXPIRATION_TIME, "1690086400"));
        ClientModelContext context = Fakes.fake(ClientModelContext.class, Map.of("getEvent", event, "getClient", client));

        new SecretNoExpiryExecutor().executeOnEvent(context);

        boolean stampedBySecretRotation = switch (event) {
            case REGISTERED, UPDATED, AUTHORIZATION_REQUEST, TOKEN_REQUEST -> true;
            default -> false;
        };
        assertEquals(stampedBySecretRotation ? null : "1700000000", client.getAttribute(ClientSecretConstants.CLIENT_SECRET_EXPIRATION));
        assertEquals("1690000000", client.getAttribute(ClientSecretConstants.CLIENT_SECRET_CREATION_TIME));
        assertEquals("1690086400", client.getAttribute(ClientSecretConstants.CLIENT_ROTATED_SECRET_EXPIRATION_TIME));
    }
}
