package focus.apiaccess.keycloak.secret;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import focus.apiaccess.keycloak.SharedLimits;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GracePeriodTest {

    private static ObjectNode config(String graceSeconds) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        if (graceSeconds != null) node.put("grace-seconds", graceSeconds);
        return node;
    }

    @Test
    void readsTheExecutorsGraceSecondsAsTheExecutorDoes() {
        assertEquals(120, GracePeriod.of(config("120")));
        assertEquals(86400, GracePeriod.of(config("86400")));
    }

    @Test
    void fallsBackToTheSharedDefaultWhenThereIsNoneToRead() {
        assertEquals(SharedLimits.SECRET_GRACE_SECONDS_DEFAULT, GracePeriod.of(null));
        assertEquals(SharedLimits.SECRET_GRACE_SECONDS_DEFAULT, GracePeriod.of(config(null)));
        assertEquals(SharedLimits.SECRET_GRACE_SECONDS_DEFAULT, GracePeriod.of(config("${FOCUS_SECRET_GRACE_SECONDS}")));
    }
}
