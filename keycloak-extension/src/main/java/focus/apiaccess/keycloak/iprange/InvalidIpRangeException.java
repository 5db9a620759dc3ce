package focus.apiaccess.keycloak.iprange;

/** An IP range entry that is not an IPv4 or IPv6 address or CIDR block in literal form. */
public final class InvalidIpRangeException extends Exception {

    private static final int MAX_QUOTED = 60;

    private final String entry;
    private final String reason;

    public InvalidIpRangeException(String entry, String reason) {
        super(describe(entry, reason));
        this.entry = entry;
        this.reason = reason;
    }

    /** The offending entry as it was written (trimmed). */
    public String entry() {
        return entry;
    }

    public String reason() {
        return reason;
    }

    private static String describe(String entry, String reason) {
        String quoted = entry.length() > MAX_QUOTED ? entry.substring(0, MAX_QUOTED) + "…" : entry;
        return "\"" + quoted + "\" is not a valid IP address or range: " + reason;
    }

    // Thrown for bad input, never for a fault: a stack trace would only add noise to Keycloak's log.
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
