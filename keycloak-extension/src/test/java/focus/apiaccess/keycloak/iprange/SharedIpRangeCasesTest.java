package focus.apiaccess.keycloak.iprange;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import focus.apiaccess.keycloak.SharedLimits;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cases of {@code contract/ip-range-cases.json}, which the provisioner's and the page's rule (contract/src) run
 * too: what they accept and store, the extension reads; what they refuse as a typo, the extension refuses as well.
 */
class SharedIpRangeCasesTest {

    static Stream<JsonNode> cases() throws IOException {
        JsonNode file = new ObjectMapper().readTree(Path.of("..", "contract", "ip-range-cases.json").toFile());
        List<JsonNode> all = new ArrayList<>();
        file.path("cases").forEach(all::add);
        assertTrue(all.size() > 20, "the shared case file has its cases");
        return all.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void agreesWithTheSharedRule(JsonNode c) {
        String input = c.path("input").asText().strip();
        if (c.path("valid").asBoolean()) {
            assertDoesNotThrow(() -> IpRange.parse(input), input);
            // The stored form is what the extension reads from the client attribute.
            assertDoesNotThrow(() -> IpRangeList.parse(c.path("range").asText()), c.path("range").asText());
        } else if (input.isEmpty()) {
            assertTrue(assertDoesNotThrow(() -> IpRangeList.parse(input)).isUnrestricted());
        } else {
            assertThrows(InvalidIpRangeException.class, () -> IpRange.parse(input), input);
        }
    }

    @Test
    void readsTheSharedLimitOfRangesPerClient() throws IOException {
        JsonNode contract = new ObjectMapper().readTree(Path.of("..", "contract", "contract.json").toFile());
        assertEquals(contract.path("limits").path("ipRangesPerClient").asInt(), SharedLimits.IP_RANGES_PER_CLIENT);
        assertEquals(SharedLimits.IP_RANGES_PER_CLIENT, IpRangeList.MAX_ENTRIES);
    }
}
