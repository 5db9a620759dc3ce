package focus.apiaccess.keycloak.read;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientViewTest {

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            focus.api-client                        | true
            focus.ip-ranges                         | true
            focus.secret.expires-at                 | true
            focus.secret.previous-valid-until       | true
            focus.secret.digest                     | false
            focus.secret.previous-digest            | false
            client.secret.creation.time             | true
            client.secret.expiration.time           | true
            client.secret.rotated.expiration.time   | true
            client.secret.rotated                   | false
            client.secret.rotated.creation.time     | false
            secret                                  | false
            jwt.credential.certificate              | false
            oauth2.device.authorization.grant.enabled | false
            """)
    void showsOnlyOurAttributesAndTheSecretsTimes(String attribute, boolean shown) {
        assertEquals(shown, ClientView.shown(attribute));
    }
}
