package focus.apiaccess.keycloak.secret;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.authentication.AuthenticationFlowError;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SecretDigestAuthenticatorTest {

    private static final long NOW = 1_800_000_000L;
    private static final String RIGHT = "right-secret";

    private static StoredSecrets stored(String expires) {
        return new StoredSecrets(SecretDigest.of(RIGHT).stored(), expires.equals("-") ? null : String.valueOf(NOW + Long.parseLong(expires)),
                null, null);
    }

    /** "-" for a request let in; otherwise the Keycloak error and the first word of the refusal. */
    private static String verdict(SecretDigestAuthenticator.Refusal refusal) {
        if (refusal == null) return "-";
        return refusal.error().name() + " " + refusal.description().substring(0, refusal.description().indexOf(':'));
    }

    @ParameterizedTest(name = "ranges {0}, from {1}, secret {2}, expires {3}, enabled {4} → {5}")
    @CsvSource(nullValues = "null", value = {
            // ranges         from           secret        expires enabled  verdict
            "null,            203.0.113.9,   right-secret, -,      true,    -",
            "10.0.0.0/8,      10.1.2.3,      right-secret, -,      true,    -",
            "10.0.0.0/8,      ::ffff:10.1.2.3, right-secret, -,    true,    -",
            // outside the ranges: refused before the secret is looked at, whatever it is
            "10.0.0.0/8,      203.0.113.9,   right-secret, -,      true,    INVALID_CLIENT_CREDENTIALS ip_not_allowed",
            "10.0.0.0/8,      203.0.113.9,   wrong,        -,      true,    INVALID_CLIENT_CREDENTIALS ip_not_allowed",
            "10.0.0.0/8,      203.0.113.9,   right-secret, -100,   false,   INVALID_CLIENT_CREDENTIALS ip_not_allowed",
            "10.0.0.0/88,     10.1.2.3,      right-secret, -,      true,    INVALID_CLIENT_CREDENTIALS ip_ranges_invalid",
            "10.0.0.0/8,      not-an-address, right-secret, -,     true,    INVALID_CLIENT_CREDENTIALS ip_unknown",
            // inside: the secret
            "10.0.0.0/8,      10.1.2.3,      wrong,        -,      true,    INVALID_CLIENT_CREDENTIALS invalid_secret",
            "null,            10.1.2.3,      null,         -,      true,    INVALID_CLIENT_CREDENTIALS invalid_secret",
            "null,            10.1.2.3,      right-secret, +100,   true,    -",
            "null,            10.1.2.3,      right-secret, -100,   true,    INVALID_CLIENT_CREDENTIALS expired",
            "null,            10.1.2.3,      wrong,        -100,   true,    INVALID_CLIENT_CREDENTIALS invalid_secret",
            // disabled: told only to a caller with the right secret
            "null,            10.1.2.3,      right-secret, -,      false,   CLIENT_DISABLED disabled",
            "null,            10.1.2.3,      wrong,        -,      false,   INVALID_CLIENT_CREDENTIALS invalid_secret",
    })
    void decides(String ranges, String from, String secret, String expires, boolean enabled, String expected) {
        assertEquals(expected, verdict(SecretDigestAuthenticator.decide(ranges, from, stored(expires), secret, enabled, NOW)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"garbled, INVALID_CLIENT_CREDENTIALS invalid_secret"})
    void failsClosedOnADigestThatCannotBeRead(String digest, String expected) {
        SecretDigestAuthenticator.Refusal refusal = SecretDigestAuthenticator.decide(null, "10.1.2.3",
                new StoredSecrets(digest, null, null, null), RIGHT, true, NOW);
        assertEquals(expected, verdict(refusal));
        assertEquals(true, refusal.unreadable());
        assertEquals(AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS, refusal.error());
    }
}
