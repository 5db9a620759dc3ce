package focus.apiaccess.keycloak.iprange;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IpAddressTest {

    @ParameterizedTest(name = "[{index}] {0} is written {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1                  | 127.0.0.1
            0.0.0.0                    | 0.0.0.0
            ::ffff:127.0.0.2           | 127.0.0.2
            ::ffff:7f00:2              | 127.0.0.2
            0:0:0:0:0:0:0:1            | ::1
            ::                         | ::
            2001:DB8:0:0:1:0:0:1       | 2001:db8::1:0:0:1
            2001:db8:0:0:0:0:2:1       | 2001:db8::2:1
            2001:db8:0:1:1:1:1:1       | 2001:db8:0:1:1:1:1:1
            1::                        | 1::
            ::127.0.0.1                | ::7f00:1
            """)
    void formatsForMessages(String literal, String expected) throws Exception {
        assertEquals(expected, IpAddress.parse(literal).toString());
    }

    @ParameterizedTest(name = "[{index}] remote {0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            [::1]                      | ::1
            fe80::1%eth0               | fe80::1
            [fe80::1%25eth0]           | fe80::1
            ' 10.0.0.1 '               | 10.0.0.1
            """)
    void acceptsServerFormsOfThePeerAddress(String remote, String expected) throws Exception {
        assertEquals(expected, IpAddress.parseRemote(remote).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''
            unknown
            10.0.0.1%eth0
            """)
    void refusesPeerAddressesThatAreNoLiteral(String remote) {
        assertThrows(InvalidIpRangeException.class, () -> IpAddress.parseRemote(remote));
    }

    @Test
    void refusesAMissingPeerAddress() {
        assertThrows(InvalidIpRangeException.class, () -> IpAddress.parseRemote(null));
    }

    @Test
    void treatsMappedAndPlainIpv4AsOneAddress() throws Exception {
        assertEquals(IpAddress.parse("192.0.2.1"), IpAddress.parse("::ffff:192.0.2.1"));
    }
}
