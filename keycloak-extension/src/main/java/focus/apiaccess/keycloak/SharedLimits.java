package focus.apiaccess.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The limits of {@code contract/contract.json}, which the build packages into this JAR: the extension enforces the
 * numbers the provisioner and the page enforce, read from the same file rather than written down again.
 */
public final class SharedLimits {

    /** Resource path of the packaged contract (see the resources of pom.xml). */
    static final String CONTRACT = "/focus/apiaccess/keycloak/contract.json";

    /** The most IP ranges one client may have. */
    public static final int IP_RANGES_PER_CLIENT = read("ipRangesPerClient");

    /** The longest lifetime a new secret may be given, in days. */
    public static final int SECRET_LIFETIME_MAX_DAYS = read("secretLifetimeMaxDays");

    /** How long a previous secret keeps working after a regeneration when the realm's profile does not say. */
    public static final int SECRET_GRACE_SECONDS_DEFAULT = read("secretGraceSecondsDefault");

    private SharedLimits() {
    }

    private static int read(String name) {
        try (InputStream in = SharedLimits.class.getResourceAsStream(CONTRACT)) {
            if (in == null) throw new IllegalStateException(CONTRACT + " is missing from the extension JAR");
            JsonNode value = new ObjectMapper().readTree(in).path("limits").path(name);
            if (!value.canConvertToInt()) throw new IllegalStateException("limits." + name + " is missing from " + CONTRACT);
            return value.intValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
