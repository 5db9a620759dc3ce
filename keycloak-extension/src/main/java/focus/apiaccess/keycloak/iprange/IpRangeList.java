package focus.apiaccess.keycloak.iprange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import focus.apiaccess.keycloak.SharedLimits;

/**
 * The IP ranges stored in a client's {@code focus.ip-ranges} attribute: entries separated by commas,
 * semicolons or whitespace (newlines included). A value with no entries means "no restriction".
 */
public final class IpRangeList {

    /** More than this is certainly not what an administrator meant, and would make every check slower. */
    public static final int MAX_ENTRIES = SharedLimits.IP_RANGES_PER_CLIENT;

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");
    private static final IpRangeList NONE = new IpRangeList(List.of());

    private final List<IpRange> ranges;

    private IpRangeList(List<IpRange> ranges) {
        this.ranges = ranges;
    }

    public static IpRangeList parse(String value) throws InvalidIpRangeException {
        if (value == null) return NONE;
        List<IpRange> ranges = new ArrayList<>();
        for (String entry : SEPARATORS.split(value.strip())) {
            if (entry.isEmpty()) continue;
            if (ranges.size() == MAX_ENTRIES) {
                throw new InvalidIpRangeException(entry, "at most " + MAX_ENTRIES + " ranges are allowed per client");
            }
            ranges.add(IpRange.parse(entry));
        }
        return ranges.isEmpty() ? NONE : new IpRangeList(Collections.unmodifiableList(ranges));
    }

    /** True when the value held no entries: the client may call from anywhere. */
    public boolean isUnrestricted() {
        return ranges.isEmpty();
    }

    /** True when the address lies in one of the ranges, or when there are none. */
    public boolean allows(IpAddress address) {
        if (ranges.isEmpty()) return true;
        for (IpRange range : ranges) {
            if (range.contains(address)) return true;
        }
        return false;
    }

    public List<IpRange> ranges() {
        return ranges;
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
