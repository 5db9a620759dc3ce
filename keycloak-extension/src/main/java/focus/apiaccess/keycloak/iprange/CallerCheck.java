package focus.apiaccess.keycloak.iprange;

/**
 * Decides whether a caller may get a token, from the client's stored ranges and the caller's address.
 * Pure: the executor supplies both strings and turns the verdict into Keycloak's terms.
 */
public final class CallerCheck {

    public enum Outcome {
        /** The client has no ranges. */
        UNRESTRICTED,
        ALLOWED,
        /** The address lies outside every range. */
        OUTSIDE_RANGES,
        /** The stored value does not parse: fail closed. */
        RANGES_UNREADABLE,
        /** The server reported no usable peer address: fail closed. */
        ADDRESS_UNKNOWN,
    }

    /**
     * The outcome; {@code caller} is the address as it should be reported (IPv4-mapped addresses in dotted
     * form), {@code problem} the parse error when the stored value is unreadable.
     */
    public record Verdict(Outcome outcome, String caller, InvalidIpRangeException problem) {
        public boolean refused() {
            return outcome != Outcome.UNRESTRICTED && outcome != Outcome.ALLOWED;
        }
    }

    private CallerCheck() {
    }

    public static Verdict check(String storedRanges, String remoteAddress) {
        if (storedRanges == null || storedRanges.isBlank()) return new Verdict(Outcome.UNRESTRICTED, remoteAddress, null);
        IpAddress caller;
        try {
            caller = IpAddress.parseRemote(remoteAddress);
        } catch (InvalidIpRangeException e) {
            caller = null;
        }
        String reported = caller != null ? caller.toString() : String.valueOf(remoteAddress);
        IpRangeList ranges;
        try {
            ranges = IpRangeList.parse(storedRanges);
        } catch (InvalidIpRangeException e) {
            return new Verdict(Outcome.RANGES_UNREADABLE, reported, e);
        }
        if (ranges.isUnrestricted()) return new Verdict(Outcome.UNRESTRICTED, reported, null);
        if (caller == null) return new Verdict(Outcome.ADDRESS_UNKNOWN, reported, null);
        return new Verdict(ranges.allows(caller) ? Outcome.ALLOWED : Outcome.OUTSIDE_RANGES, reported, null);
    }
}
