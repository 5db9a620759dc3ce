package focus.apiaccess.keycloak.iprange;

/**
 * An IPv4 or IPv6 address parsed from its literal text, never through DNS.
 *
 * <p>Every address lives in one 128-bit space: an IPv4 address is held as its IPv4-mapped IPv6 form
 * ({@code ::ffff:a.b.c.d}), so {@code 10.1.2.3} and {@code ::ffff:10.1.2.3} are the same address and one
 * comparison serves both families.
 */
public final class IpAddress {

    static final long MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

    final long high;
    final long low;
    private final boolean ipv4Literal;

    private IpAddress(long high, long low, boolean ipv4Literal) {
        this.high = high;
        this.low = low;
        this.ipv4Literal = ipv4Literal;
    }

    static IpAddress fromBits(long high, long low) {
        return new IpAddress(high, low, false);
    }

    /** True when the text was a dotted-quad IPv4 address (not an IPv6 form). */
    boolean isIpv4Literal() {
        return ipv4Literal;
    }

    /** True for any address in {@code ::ffff:0:0/96}, whether written as IPv4 or IPv6. */
    public boolean isIpv4() {
        return high == 0 && (low & 0xffff_ffff_0000_0000L) == MAPPED_PREFIX;
    }

    /**
     * Parses an address literal as an administrator writes it: dotted-quad IPv4 without leading zeros, or an
     * IPv6 text form (RFC 4291 §2.2, embedded IPv4 allowed) without brackets or zone.
     */
    public static IpAddress parse(String text) throws InvalidIpRangeException {
        if (text.isEmpty()) throw new InvalidIpRangeException(text, "empty address");
        if (text.indexOf(':') >= 0) return parseIpv6(text);
        long v4 = parseIpv4(text, text);
        return new IpAddress(0, MAPPED_PREFIX | v4, true);
    }

    /**
     * Parses the peer address a server reports, which may come in brackets or with an IPv6 zone
     * ({@code fe80::1%eth0}); the zone does not take part in matching.
     */
    public static IpAddress parseRemote(String text) throws InvalidIpRangeException {
        if (text == null) throw new InvalidIpRangeException("", "no address");
        String address = text.trim();
        if (address.length() > 2 && address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int zone = address.indexOf('%');
        if (zone > 0 && address.indexOf(':') >= 0) address = address.substring(0, zone);
        return parse(address);
    }

    private static long parseIpv4(String text, String entry) throws InvalidIpRangeException {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new InvalidIpRangeException(entry, "an IPv4 address has four numbers separated by dots");
        }
        long value = 0;
        for (String part : parts) {
            value = (value << 8) | octet(part, entry);
        }
        return value;
    }

    private static int octet(String part, String entry) throws InvalidIpRangeException {
        if (part.isEmpty() || part.length() > 3 || !allDigits(part)) {
            throw new InvalidIpRangeException(entry, "\"" + part + "\" is not a number from 0 to 255");
        }
        if (part.length() > 1 && part.charAt(0) == '0') {
            // Some parsers read a leading zero as octal: refuse rather than guess.
            throw new InvalidIpRangeException(entry, "\"" + part + "\" has a leading zero");
        }
        int value = Integer.parseInt(part);
        if (value > 255) throw new InvalidIpRangeException(entry, part + " is larger than 255");
        return value;
    }

    private static IpAddress parseIpv6(String text) throws InvalidIpRangeException {
        if (text.indexOf('%') >= 0) throw new InvalidIpRangeException(text, "a zone (%…) is not allowed");
        if (text.indexOf('[') >= 0 || text.indexOf(']') >= 0) {
            throw new InvalidIpRangeException(text, "write an IPv6 address without brackets");
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw new InvalidIpRangeException(text, "\"::\" may appear only once");
        }
        int[] head = groups(gap >= 0 ? text.substring(0, gap) : text, text, gap < 0);
        int[] tail = gap >= 0 ? groups(text.substring(gap + 2), text, true) : new int[0];
        int count = head.length + tail.length;
        if (gap < 0 && count != 8) {
            throw new InvalidIpRangeException(text, "an IPv6 address has eight groups, or \"::\" for the zero groups");
        }
        if (gap >= 0 && count > 7) {
            throw new InvalidIpRangeException(text, "too many groups around \"::\"");
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) high = (high << 16) | all[i];
        for (int i = 4; i < 8; i++) low = (low << 16) | all[i];
        return new IpAddress(high, low, false);
    }

    /**
     * The 16-bit groups of one side of an IPv6 literal. An IPv4 address may close the last side; it counts
     * as two groups.
     */
    private static int[] groups(String side, String entry, boolean mayEndWithIpv4) throws InvalidIpRangeException {
        if (side.isEmpty()) return new int[0];
        String[] parts = side.split(":", -1);
        boolean endsWithIpv4 = parts[parts.length - 1].indexOf('.') >= 0;
        if (endsWithIpv4 && !mayEndWithIpv4) {
            throw new InvalidIpRangeException(entry, "an embedded IPv4 address must come last");
        }
        int[] result = new int[parts.length + (endsWithIpv4 ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (endsWithIpv4 && i == parts.length - 1) {
                long v4 = parseIpv4(part, entry);
                result[i] = (int) (v4 >>> 16);
                result[i + 1] = (int) (v4 & 0xffff);
            } else {
                result[i] = hexGroup(part, entry);
            }
        }
        return result;
    }

    private static int hexGroup(String part, String entry) throws InvalidIpRangeException {
        if (part.isEmpty()) throw new InvalidIpRangeException(entry, "empty group between colons");
        if (part.length() > 4) throw new InvalidIpRangeException(entry, "group \"" + part + "\" has more than four hex digits");
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            int digit = Character.digit(part.charAt(i), 16);
            if (digit < 0 || part.charAt(i) > 'f') {
                throw new InvalidIpRangeException(entry, "group \"" + part + "\" is not hexadecimal");
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /** IPv4 addresses (also mapped ones) as dotted quad, others in RFC 5952 form. */
    @Override
    public String toString() {
        if (isIpv4()) {
            return ((low >>> 24) & 0xff) + "." + ((low >>> 16) & 0xff) + "." + ((low >>> 8) & 0xff) + "." + (low & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) ((high >>> (48 - 16 * i)) & 0xffff);
            groups[i + 4] = (int) ((low >>> (48 - 16 * i)) & 0xffff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) i++;
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') out.append(':');
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpAddress that && that.high == high && that.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high) * 31 + Long.hashCode(low);
    }
}
