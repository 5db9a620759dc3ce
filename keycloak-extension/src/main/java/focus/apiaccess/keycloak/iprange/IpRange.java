package focus.apiaccess.keycloak.iprange;

/**
 * One allowed block of addresses: a CIDR ({@code 192.0.2.0/24}, {@code 2001:db8::/32}) or a single address.
 * IPv4 blocks are held in the IPv4-mapped part of the 128-bit space (see {@link IpAddress}).
 */
public final class IpRange {

    private static final int IPV4_OFFSET = 96;

    private final long high;
    private final long low;
    private final long highMask;
    private final long lowMask;
    private final String text;

    private IpRange(IpAddress network, int prefix, String text) {
        this.highMask = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
        this.lowMask = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
        this.high = network.high;
        this.low = network.low;
        this.text = text;
    }

    /**
     * Parses {@code address} or {@code address/prefix}. The address must be the first of its block: a set
     * host bit ({@code 10.0.0.1/8}) is refused rather than silently widened, since it is most likely a typo.
     */
    public static IpRange parse(String entry) throws InvalidIpRangeException {
        int slash = entry.indexOf('/');
        String addressText = slash < 0 ? entry : entry.substring(0, slash);
        IpAddress address;
        try {
            address = IpAddress.parse(addressText);
        } catch (InvalidIpRangeException e) {
            throw new InvalidIpRangeException(entry, e.reason());
        }
        int max = address.isIpv4Literal() ? 32 : 128;
        int prefix = slash < 0 ? max : prefixLength(entry, entry.substring(slash + 1), max);
        int prefixInSpace = address.isIpv4Literal() ? IPV4_OFFSET + prefix : prefix;
        IpRange range = new IpRange(address, prefixInSpace, entry);
        if ((address.high & ~range.highMask) != 0 || (address.low & ~range.lowMask) != 0) {
            throw new InvalidIpRangeException(entry, "the address has bits set beyond the /" + prefix
                    + " prefix; the block starts at " + range.networkOf(address) + "/" + prefix);
        }
        return range;
    }

    private static int prefixLength(String entry, String digits, int max) throws InvalidIpRangeException {
        boolean numeric = !digits.isEmpty() && digits.length() <= 3 && digits.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!numeric || (digits.length() > 1 && digits.charAt(0) == '0')) {
            throw new InvalidIpRangeException(entry, "the prefix length after \"/\" must be a number from 0 to " + max);
        }
        int prefix = Integer.parseInt(digits);
        if (prefix > max) {
            throw new InvalidIpRangeException(entry, "the prefix length " + prefix + " is larger than " + max);
        }
        return prefix;
    }

    private String networkOf(IpAddress address) {
        return IpAddress.fromBits(address.high & highMask, address.low & lowMask).toString();
    }

    public boolean contains(IpAddress address) {
        return (address.high & highMask) == high && (address.low & lowMask) == low;
    }

    /** The entry as the administrator wrote it. */
    @Override
    public String toString() {
        return text;
    }
}
