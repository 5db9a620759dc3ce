package focus.apiaccess.keycloak.secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretDigestTest {

    private static final String SECRET = "Xq0aZk3oXfC8d9QmP1vLrS7tYwUeNbHjKgTiVcBnMx2Rz5Ds";

    @Test
    void matchesOnlyTheSecretItWasMadeOf() {
        SecretDigest digest = SecretDigest.of(SECRET);
        assertTrue(digest.matches(SECRET));
        assertFalse(digest.matches(SECRET.substring(1)));
        assertFalse(digest.matches(SECRET + "x"));
        assertFalse(digest.matches(""));
        assertFalse(digest.matches(null));
    }

    @Test
    void survivesBeingStoredAndReadBack() {
        SecretDigest read = SecretDigest.parse(SecretDigest.of(SECRET).stored());
        assertTrue(read.matches(SECRET));
        assertFalse(read.matches("wrong"));
    }

    @Test
    void isHmacSha256UnderTheSalt() {
        // Known answer, from Python: hmac.new(b"Jefe" + b"." * 12, b"what do ya want for nothing?", hashlib.sha256).
        byte[] salt = "Jefe............".getBytes(StandardCharsets.US_ASCII);
        assertEquals("hmac-sha256:SmVmZS4uLi4uLi4uLi4uLg:Wy2c6VQkz6SnaUpviGpru8gJQpr93dNusX2v5lAzT7o",
                SecretDigest.of("what do ya want for nothing?", salt).stored());
    }

    @Test
    void usesANewSaltEveryTime() {
        assertNotEquals(SecretDigest.of(SECRET).stored(), SecretDigest.of(SECRET).stored());
    }

    @Test
    void holdsNothingTheSecretCanBeReadFrom() {
        String stored = SecretDigest.of(SECRET).stored();
        byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
        for (String encoding : new String[] {SECRET, Base64.getEncoder().encodeToString(bytes), Base64.getUrlEncoder().encodeToString(bytes),
                HexFormat.of().formatHex(bytes)}) {
            assertFalse(stored.contains(encoding.substring(0, 16)), encoding);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain-secret", "hmac-sha256:", "hmac-sha256:AAAAAAAAAAAAAAAAAAAAAA:short",
            "sha256:AAAAAAAAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "hmac-sha256:AAAAAAAAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "hmac-sha256:AAAAAAAAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:extra"})
    void readsNothingButItsOwnForm(String stored) {
        assertNull(SecretDigest.parse(stored));
    }
}
