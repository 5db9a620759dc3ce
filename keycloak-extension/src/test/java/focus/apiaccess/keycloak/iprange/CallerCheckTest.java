package focus.apiaccess.keycloak.iprange;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import focus.apiaccess.keycloak.iprange.CallerCheck.Outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CallerCheckTest {

    @ParameterizedTest(name = "[{index}] ranges \"{0}\", caller {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # stored ranges          | remote address     | outcome           | reported caller
            NULL                     | 10.0.0.1           | UNRESTRICTED      | 10.0.0.1
            ''                       | 10.0.0.1           | UNRESTRICTED      | 10.0.0.1
            ' , '                    | 10.0.0.1           | UNRESTRICTED      | 10.0.0.1
            127.0.0.1/32             | 127.0.0.1          | ALLOWED           | 127.0.0.1
            127.0.0.1/32             | 127.0.0.2          | OUTSIDE_RANGES    | 127.0.0.2
            127.0.0.1/32             | ::ffff:127.0.0.2   | OUTSIDE_RANGES    | 127.0.0.2
            ::1/128                  | 0:0:0:0:0:0:0:1    | ALLOWED           | ::1
            not-a-range              | 127.0.0.1          | RANGES_UNREADABLE | 127.0.0.1
            '127.0.0.1/32, 300.1.1.1'| 127.0.0.1          | RANGES_UNREADABLE | 127.0.0.1
            127.0.0.1/32             | NULL               | ADDRESS_UNKNOWN   | null
            127.0.0.1/32             | somehost           | ADDRESS_UNKNOWN   | somehost
            """)
    void decides(String stored, String remote, Outcome outcome, String reported) {
        CallerCheck.Verdict verdict = CallerCheck.check(stored, remote);
        assertEquals(outcome, verdict.outcome());
        if (outcome != Outcome.UNRESTRICTED) assertEquals(reported, verdict.caller());
        assertEquals(outcome != Outcome.UNRESTRICTED && outcome != Outcome.ALLOWED, verdict.refused());
    }
}
