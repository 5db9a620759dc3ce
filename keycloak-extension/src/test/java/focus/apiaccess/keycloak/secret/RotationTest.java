package focus.apiaccess.keycloak.secret;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RotationTest {

    @ParameterizedTest(name = "grace {0} s, replaced secret expires at {1} → works until {2}")
    @CsvSource(nullValues = "null", value = {
            "86400, null, 1086400",
            "86400, 1050000, 1050000",
            "86400, 2000000, 1086400",
            "86400, 1000000, null",
            "86400, 999999, null",
            "0, null, null",
    })
    void endsTheGracePeriodNoLaterThanTheReplacedSecretsExpiry(long grace, Long expiresAt, Long expected) {
        assertEquals(expected, Rotation.previousValidUntil(1_000_000, grace, expiresAt));
    }
}
