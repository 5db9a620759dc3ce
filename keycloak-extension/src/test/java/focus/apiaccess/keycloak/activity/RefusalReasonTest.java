package focus.apiaccess.keycloak.activity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RefusalReasonTest {

    @ParameterizedTest(name = "[{index}] {0} / {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # error                      | client_policy_error_detail (or reason=…)           | reason
            unauthorized_client          | ip_not_allowed: 203.0.113.9 is not in the IP ranges | IP_NOT_ALLOWED
            invalid_grant                | ip_not_allowed: 203.0.113.9 is not in the IP ranges | IP_NOT_ALLOWED
            unauthorized_client          | ip_ranges_invalid: the IP ranges configured …      | IP_RANGES_INVALID
            unauthorized_client          | ip_unknown: the caller's address (x) …             | OTHER
            invalid_client_credentials   | -                                                  | BAD_SECRET
            client_disabled              | -                                                  | DISABLED
            invalid_client               | -                                                  | OTHER
            unauthorized_client          | some other policy                                  | OTHER
            # the digest authenticator: detail "reason", its leading word (Keycloak's error alone would say less)
            invalid_client_credentials   | reason=ip_not_allowed: 203.0.113.9 is not in …     | IP_NOT_ALLOWED
            invalid_client_credentials   | reason=ip_ranges_invalid: the IP ranges …          | IP_RANGES_INVALID
            invalid_client_credentials   | reason=invalid_secret: the secret does not match   | BAD_SECRET
            invalid_client_credentials   | reason=expired: the secret expired at …            | EXPIRED
            client_disabled              | reason=disabled: the client is disabled            | DISABLED
            invalid_client_credentials   | reason=ip_unknown: the caller's address …          | OTHER
            # a Client ID the realm does not know: not recorded at all
            client_not_found             | -                                                  | -
            -                            | -                                                  | -
            """)
    void mapsTheEventToTheAdministratorsReason(String error, String detail, String expected) {
        Map<String, String> details = new HashMap<>();
        if (detail != null && detail.startsWith("reason=")) details.put("reason", detail.substring("reason=".length()));
        else if (detail != null) details.put("client_policy_error_detail", detail);
        assertEquals(expected == null ? null : RefusalReason.valueOf(expected), RefusalReason.of(error, details));
    }

    @Test
    void hasTheContractsCodesInItsOrder() {
        assertEquals(ActivityContract.REFUSAL_REASONS, Arrays.stream(RefusalReason.values()).map(r -> r.code).toList());
        assertEquals(RefusalReason.BAD_SECRET, RefusalReason.ofCode("bad_secret"));
        assertEquals(null, RefusalReason.ofCode("BAD_SECRET"));
    }
}
