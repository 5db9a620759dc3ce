package focus.apiaccess.keycloak.iprange;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cases of {@code contract/ip-range-match-cases.json}: the page, the API and the CLI warn before a change of
 * ranges shuts out a recently used address (contract/src/address-exclusion.ts); that warning is only right if it
 * matches exactly as the check at the token endpoint does.
 */
class SharedIpRangeMatchCasesTest {

    static Stream<JsonNode> cases() throws IOException {
        JsonNode file = new ObjectMapper().readTree(Path.of("..", "contract", "ip-range-match-cases.json").toFile());
        List<JsonNode> all = new ArrayList<>();
        file.path("cases").forEach(all::add);
        assertTrue(all.size() > 10, "the shared case file has its cases");
        return all.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void agreesWithTheContractsMatch(JsonNode c) {
        List<String> ranges = new ArrayList<>();
        c.path("ranges").forEach(r -> ranges.add(r.asText()));
        CallerCheck.Verdict verdict = CallerCheck.check(String.join(", ", ranges), c.path("address").asText());
        assertEquals(c.path("allowed").asBoolean(), !verdict.refused(), verdict.outcome().toString());
    }
}
