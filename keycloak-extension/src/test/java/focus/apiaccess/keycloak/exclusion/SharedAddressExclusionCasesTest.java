package focus.apiaccess.keycloak.exclusion;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import focus.apiaccess.keycloak.activity.ActivityContract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cases of {@code contract/address-exclusion-cases.json}: the page warns and the dry run answers with the
 * contract's {@code excludedAddresses} (TypeScript), while the update itself is refused by {@link AddressExclusion}; both
 * must name the same addresses.
 */
class SharedAddressExclusionCasesTest {

    private static final JsonNode FILE = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Path.of("..", "contract", "address-exclusion-cases.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<JsonNode> cases() {
        List<JsonNode> all = new ArrayList<>();
        FILE.path("cases").forEach(all::add);
        assertTrue(all.size() > 10, "the shared case file has its cases");
        return all.stream();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void agreesWithTheContractsRule(JsonNode c) {
        List<AddressExclusion.Seen> seen = new ArrayList<>();
        FILE.path("seen").forEach(s -> seen.add(new AddressExclusion.Seen(s.path("address").asText(),
                Instant.parse(s.path("lastSeen").asText()).toEpochMilli())));
        long now = Instant.parse(FILE.path("now").asText()).toEpochMilli();
        int days = c.has("days") ? c.path("days").asInt() : ActivityContract.LOCKOUT_WARNING_DAYS;
        List<String> excluded = AddressExclusion.excluded(texts(c.path("ranges")), texts(c.path("before")), seen, now, days)
                .stream().map(AddressExclusion.Seen::address).toList();
        assertEquals(texts(c.path("excluded")), excluded, c.path("label").asText());
    }
}
