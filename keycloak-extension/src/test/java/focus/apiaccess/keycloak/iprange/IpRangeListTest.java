package focus.apiaccess.keycloak.iprange;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpRangeListTest {

    @ParameterizedTest(name = "[{index}] {0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # ranges                                | address                   | allowed
            127.0.0.1/32                            | 127.0.0.1                 | true
            127.0.0.1/32                            | 127.0.0.2                 | false
            127.0.0.1                               | 127.0.0.1                 | true
            127.0.0.1                               | 127.0.0.2                 | false
            10.0.0.0/8                              | 10.255.255.255            | true
            10.0.0.0/8                              | 11.0.0.0                  | false
            10.0.0.0/8                              | 9.255.255.255             | false
            192.168.1.0/24                          | 192.168.1.77              | true
            192.168.1.0/24                          | 192.168.2.1               | false
            192.168.1.128/25                        | 192.168.1.127             | false
            192.168.1.128/25                        | 192.168.1.128             | true
            0.0.0.0/0                               | 203.0.113.9               | true
            0.0.0.0/0                               | 2001:db8::1               | false
            255.255.255.255/32                      | 255.255.255.255           | true
            # IPv4-mapped IPv6 callers count as IPv4
            127.0.0.1/32                            | ::ffff:127.0.0.1          | true
            127.0.0.1/32                            | ::FFFF:7f00:1             | true
            127.0.0.1/32                            | ::ffff:127.0.0.2          | false
            10.0.0.0/8                              | 0:0:0:0:0:ffff:a01:203    | true
            # ranges written in IPv4-mapped form match plain IPv4 callers
            ::ffff:10.0.0.0/104                     | 10.9.8.7                  | true
            ::ffff:10.0.0.0/104                     | 11.0.0.1                  | false
            ::ffff:0:0/96                           | 198.51.100.1              | true
            # the IPv4-compatible form is not IPv4
            ::127.0.0.1                             | 127.0.0.1                 | false
            # IPv6
            ::1/128                                 | ::1                       | true
            ::1                                     | 0:0:0:0:0:0:0:1           | true
            ::1/128                                 | ::2                       | false
            2001:db8::/32                           | 2001:db8:ffff::1          | true
            2001:db8::/32                           | 2001:db9::1               | false
            2001:db8:0:0:0:0:0:0/32                 | 2001:DB8::abcd            | true
            2001:db8::/127                          | 2001:db8::1               | true
            2001:db8::/127                          | 2001:db8::2               | false
            2001:db8:0:1::/64                       | 2001:db8:0:1:ffff:ffff:ffff:ffff | true
            2001:db8:0:1::/64                       | 2001:db8:0:2::            | false
            2001:db8:0:1:8000::/65                  | 2001:db8:0:1:7fff::       | false
            2001:db8:0:1:8000::/65                  | 2001:db8:0:1:8000::1      | true
            ::/0                                    | 2001:db8::1               | true
            ::/0                                    | 192.0.2.1                 | true
            fe80::/10                               | fe80::1%eth0              | true
            fe80::/10                               | [fe80::1]                 | true
            # several ranges, all separators
            '10.0.0.0/8,192.168.0.0/16'             | 192.168.3.4               | true
            '10.0.0.0/8, 192.168.0.0/16'            | 172.16.0.1                | false
            '10.0.0.0/8;::1'                        | ::1                       | true
            '  10.0.0.0/8 \t 2001:db8::/32  '       | 2001:db8::5               | true
            '10.0.0.0/8,,;, 127.0.0.1 ,'            | 127.0.0.1                 | true
            """)
    void matchesAddresses(String ranges, String address, boolean allowed) throws Exception {
        IpRangeList list = IpRangeList.parse(ranges.replace("\\t", "\t"));
        assertEquals(allowed, list.allows(IpAddress.parseRemote(address)));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is refused for \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            # value                           | bad entry
            10.0.0.0/33                       | 10.0.0.0/33
            10.0.0.0/-1                       | 10.0.0.0/-1
            10.0.0.0/                         | 10.0.0.0/
            10.0.0.0/8/8                      | 10.0.0.0/8/8
            10.0.0.0/08                       | 10.0.0.0/08
            10.0.0.0/abc                      | 10.0.0.0/abc
            10.0.0.0/8 x                      | x
            10.0.0.1/8                        | 10.0.0.1/8
            192.168.1.10/24                   | 192.168.1.10/24
            256.0.0.1                         | 256.0.0.1
            1.2.3                             | 1.2.3
            1.2.3.4.5                         | 1.2.3.4.5
            1.2.3.                            | 1.2.3.
            .1.2.3                            | .1.2.3
            01.2.3.4                          | 01.2.3.4
            1.2.3.0x4                         | 1.2.3.0x4
            +1.2.3.4                          | +1.2.3.4
            1.2.3.-4                          | 1.2.3.-4
            1.2.3.４                           | 1.2.3.４
            localhost                         | localhost
            example.com                       | example.com
            '127.0.0.1, 10.0.0.0/8, bad'      | bad
            ::1/129                           | ::1/129
            ::1/0128                          | ::1/0128
            2001:db8::1/32                    | 2001:db8::1/32
            ::ffff:10.0.0.0/8                 | ::ffff:10.0.0.0/8
            1::2::3                           | 1::2::3
            :::1                              | :::1
            1:2:3:4:5:6:7                     | 1:2:3:4:5:6:7
            1:2:3:4:5:6:7:8:9                 | 1:2:3:4:5:6:7:8:9
            1:2:3:4::5:6:7:8                  | 1:2:3:4::5:6:7:8
            12345::1                          | 12345::1
            g::1                              | g::1
            :1::2                             | :1::2
            1::2:                             | 1::2:
            fe80::1%eth0                      | fe80::1%eth0
            [::1]                             | [::1]
            ::1.2.3                           | ::1.2.3
            ::1.2.3.4:5                       | ::1.2.3.4:5
            1.2.3.4::                         | 1.2.3.4::
            ::256.1.1.1                       | ::256.1.1.1
            ::ffff:01.2.3.4                   | ::ffff:01.2.3.4
            /8                                | /8
            """)
    void refusesMalformedEntries(String value, String badEntry) {
        InvalidIpRangeException error = assertThrows(InvalidIpRangeException.class, () -> IpRangeList.parse(value));
        assertEquals(badEntry, error.entry());
        assertTrue(error.getMessage().contains(badEntry), error.getMessage());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" means no restriction")
    @CsvSource(delimiter = '|', textBlock = """
            ''
            '   '
            ' , ; '
            """)
    void valuesWithoutEntriesAreUnrestricted(String value) throws Exception {
        IpRangeList list = IpRangeList.parse(value);
        assertTrue(list.isUnrestricted());
        assertTrue(list.allows(IpAddress.parse("203.0.113.1")));
    }

    @org.junit.jupiter.api.Test
    void nullMeansNoRestriction() throws Exception {
        assertTrue(IpRangeList.parse(null).isUnrestricted());
    }

    @org.junit.jupiter.api.Test
    void limitsTheNumberOfEntries() throws Exception {
        String full = String.join(",", java.util.Collections.nCopies(IpRangeList.MAX_ENTRIES, "10.0.0.0/8"));
        assertFalse(IpRangeList.parse(full).isUnrestricted());
        InvalidIpRangeException error = assertThrows(InvalidIpRangeException.class,
                () -> IpRangeList.parse(full + ",192.0.2.1"));
        assertEquals("192.0.2.1", error.entry());
    }

    @org.junit.jupiter.api.Test
    void suggestsTheNetworkWhenHostBitsAreSet() {
        InvalidIpRangeException v4 = assertThrows(InvalidIpRangeException.class, () -> IpRangeList.parse("192.168.1.10/24"));
        assertTrue(v4.getMessage().contains("192.168.1.0/24"), v4.getMessage());
        InvalidIpRangeException v6 = assertThrows(InvalidIpRangeException.class, () -> IpRangeList.parse("2001:db8::1/32"));
        assertTrue(v6.getMessage().contains("2001:db8::/32"), v6.getMessage());
    }
}
