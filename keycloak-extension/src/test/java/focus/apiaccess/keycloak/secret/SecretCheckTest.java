package focus.apiaccess.keycloak.secret;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SecretCheckTest {

    private static final long NOW = 1_800_000_000L;
    private static final String CURRENT = SecretDigest.of("current-secret").stored();
    private static final String PREVIOUS = SecretDigest.of("previous-secret").stored();

    private static String value(String cell) {
        return switch (cell) {
            case "current" -> CURRENT;
            case "previous" -> PREVIOUS;
            case "-" -> null;
            default -> cell;
        };
    }

    /** Times are relative to now in the table ("+10" is ten seconds from now); a value that is no number stays as it is. */
    private static String time(String cell) {
        if (cell.equals("-")) return null;
        return cell.matches("[+-]\\d+") ? String.valueOf(NOW + Long.parseLong(cell)) : cell;
    }

    @ParameterizedTest(name = "{0} against digest {1} (expires {2}), previous {3} until {4} → {5}")
    @CsvSource({
            // presented       digest    expires  previous  until   outcome
            "current-secret,   current,  -,       -,        -,      CURRENT",
            "current-secret,   current,  +10,     -,        -,      CURRENT",
            "current-secret,   current,  +0,      -,        -,      EXPIRED",
            "current-secret,   current,  -10,     -,        -,      EXPIRED",
            "previous-secret,  current,  -,       previous, +10,    PREVIOUS",
            "previous-secret,  current,  -,       previous, +0,     PREVIOUS_ENDED",
            "previous-secret,  current,  -,       previous, -,      PREVIOUS_ENDED",
            "previous-secret,  current,  -,       previous, soon,   PREVIOUS_ENDED",
            "previous-secret,  current,  -10,     previous, +10,    PREVIOUS",
            "current-secret,   current,  -,       previous, +10,    CURRENT",
            "wrong-secret,     current,  -,       previous, +10,    WRONG",
            "'',               current,  -,       -,        -,      WRONG",
            "current-secret,   -,        -,       -,        -,      NO_SECRET",
            "previous-secret,  -,        -,       previous, +10,    NO_SECRET",
            "current-secret,   garbled,  -,       -,        -,      UNREADABLE",
            "current-secret,   current,  tomorrow, -,       -,      UNREADABLE",
            "wrong-secret,     current,  tomorrow, -,       -,      UNREADABLE",
    })
    void decides(String presented, String digest, String expires, String previous, String until, SecretCheck.Outcome outcome) {
        StoredSecrets stored = new StoredSecrets(value(digest), time(expires), value(previous), time(until));
        assertEquals(outcome, SecretCheck.check(stored, presented, NOW).outcome());
    }
}
