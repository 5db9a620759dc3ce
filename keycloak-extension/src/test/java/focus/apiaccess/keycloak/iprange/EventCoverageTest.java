package focus.apiaccess.keycloak.iprange;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;

import static org.junit.jupiter.api.Assertions.assertNotNull;

class EventCoverageTest {

    /** Fails for an event a newer Keycloak adds, until someone decides whether it issues tokens. */
    @ParameterizedTest
    @EnumSource(ClientPolicyEvent.class)
    void everyEventOfThePinnedKeycloakIsDecided(ClientPolicyEvent event) {
        assertNotNull(EventCoverage.of(event), event + " is not listed in EventCoverage");
    }
}
