package focus.apiaccess.keycloak.activity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The activity record's bounds (and the list limits of the read endpoint) from the packaged {@code contract/contract.json} ("activity"), which the provisioner
 * and the page read too: how many recent addresses are kept, for how long, how many refusal sources per reason.
 */
public final class ActivityContract {

    private static final String CONTRACT = "/focus/apiaccess/keycloak/contract.json";
    private static final JsonNode CONTRACT_JSON = load();
    private static final JsonNode ACTIVITY = CONTRACT_JSON.path("activity");

    /** Distinct source addresses kept per client (the most recently seen ones). */
    public static final int RECENT_ADDRESSES = number("recentAddresses");
    /** Days an address or a refusal is kept; a client's most recent address stays regardless. */
    public static final int RETENTION_DAYS = number("retentionDays");
    /** Days back an address counts as recently used: new IP ranges that shut one out need a confirmation. */
    public static final int LOCKOUT_WARNING_DAYS = number("lockoutWarningDays");
    /** Refusal rows (one per source address) kept per client and reason. */
    public static final int REFUSAL_SOURCES_PER_REASON = number("refusalSourcesPerReason");
    /** The reason codes, in the contract's order. */
    public static final List<String> REFUSAL_REASONS = texts("refusalReasons");
    /** Largest page of a list (limits.pageSize). */
    public static final int PAGE_SIZE = limit("pageSize");
    /** Longest search term (limits.searchMaxCharacters), in code points. */
    public static final int SEARCH_MAX_CHARACTERS = limit("searchMaxCharacters");

    private ActivityContract() {
    }

    private static JsonNode load() {
        try (InputStream in = ActivityContract.class.getResourceAsStream(CONTRACT)) {
            if (in == null) throw new IllegalStateException(CONTRACT + " is missing from the extension JAR");
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int limit(String name) {
        JsonNode value = CONTRACT_JSON.path("limits").path(name);
        if (!value.canConvertToInt()) throw new IllegalStateException("limits." + name + " is missing from " + CONTRACT);
        return value.intValue();
    }

    private static int number(String name) {
        JsonNode value = ACTIVITY.path(name);
        if (!value.canConvertToInt()) throw new IllegalStateException("activity." + name + " is missing from " + CONTRACT);
        return value.intValue();
    }

    private static List<String> texts(String name) {
        List<String> out = new ArrayList<>();
        ACTIVITY.path(name).forEach(node -> out.add(node.asText()));
        if (out.isEmpty()) throw new IllegalStateException("activity." + name + " is missing from " + CONTRACT);
        return List.copyOf(out);
    }
}
