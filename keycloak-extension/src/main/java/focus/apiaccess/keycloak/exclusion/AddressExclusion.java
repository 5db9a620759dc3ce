package focus.apiaccess.keycloak.exclusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import focus.apiaccess.keycloak.iprange.InvalidIpRangeException;
import focus.apiaccess.keycloak.iprange.IpAddress;
import focus.apiaccess.keycloak.iprange.IpRange;

/**
 * Which of a client's recently seen source addresses new IP ranges would shut out: seen within the window, not let in
 * by the new ranges, let in by the ranges in force. The same rule as the contract's {@code excludedAddresses}
 * (contract/src/address-exclusion.ts); {@code contract/address-exclusion-cases.json} runs through both. Pure.
 */
public final class AddressExclusion {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");
    private static final long DAY_MS = 24L * 3600 * 1000;

    /** A source address a client was seen using, and when last (epoch milliseconds). */
    public record Seen(String address, long lastSeen) {
    }

    private AddressExclusion() {
    }

    /** The entries of a stored or proposed {@code focus.ip-ranges} value; none for {@code null} or blank. */
    public static List<String> entries(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) return out;
        for (String entry : SEPARATORS.split(value.strip())) {
            if (!entry.isEmpty()) out.add(entry);
        }
        return out;
    }

    /**
     * Whether ranges let an address through. An empty list is no restriction; an entry that is not a valid range lets
     * nothing through (and takes nothing from the valid ones); an address that cannot be read is shut out by any
     * restriction.
     */
    public static boolean allows(List<String> ranges, String address) {
        if (ranges.isEmpty()) return true;
        IpAddress caller;
        try {
            caller = IpAddress.parseRemote(address);
        } catch (InvalidIpRangeException e) {
            return false;
        }
        for (String entry : ranges) {
            try {
                if (IpRange.parse(entry.strip()).contains(caller)) return true;
            } catch (InvalidIpRangeException e) {
                // lets nothing through
            }
        }
        return false;
    }

    /** The addresses of {@code seen} that {@code ranges} would shut out and {@code before} lets in, most recent first. */
    public static List<Seen> excluded(List<String> ranges, List<String> before, List<Seen> seen, long now, int days) {
        long since = now - days * DAY_MS;
        List<Seen> out = new ArrayList<>();
        for (Seen s : seen) {
            if (s.lastSeen() >= since && !allows(ranges, s.address()) && allows(before, s.address())) out.add(s);
        }
        out.sort(Comparator.comparingLong(Seen::lastSeen).reversed());
        return out;
    }
}
