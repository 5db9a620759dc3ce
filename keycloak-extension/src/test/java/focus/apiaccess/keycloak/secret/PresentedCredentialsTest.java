package focus.apiaccess.keycloak.secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class PresentedCredentialsTest {

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static MultivaluedMap<String, String> form(String... pairs) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) form.add(pairs[i], pairs[i + 1]);
        return form;
    }

    @Test
    void readsClientSecretBasicWithItsPartsUrlEncoded() {
        assertEquals(new PresentedCredentials("api-x", "a:b+c d"),
                PresentedCredentials.of(basic("api-x", "a%3Ab%2Bc+d"), form("grant_type", "client_credentials"), null));
    }

    @Test
    void readsClientSecretPost() {
        assertEquals(new PresentedCredentials("api-x", "s3cret"),
                PresentedCredentials.of(null, form("client_id", "api-x", "client_secret", "s3cret"), null));
    }

    @Test
    void takesTheFormsClientIdButNoSecretSentBothWays() {
        // Two authentication methods in one request (RFC 6749, section 2.3): no secret, refused like a wrong one.
        assertEquals(new PresentedCredentials("api-form", null),
                PresentedCredentials.of(basic("api-header", "from-header"), form("client_id", "api-form", "client_secret", "from-form"), null));
        assertEquals(new PresentedCredentials("api-x", null),
                PresentedCredentials.of(basic("api-x", "same"), form("client_secret", "same"), null));
        assertEquals(new PresentedCredentials("api-form", "from-header"),
                PresentedCredentials.of(basic("api-header", "from-header"), form("client_id", "api-form"), null));
    }

    @Test
    void takesTheSessionsClientIdWhenTheRequestNamesNone() {
        assertEquals(new PresentedCredentials("from-session", null), PresentedCredentials.of(null, null, "from-session"));
        assertNull(PresentedCredentials.of("Bearer abc", null, null));
        assertNull(PresentedCredentials.of(null, form("grant_type", "client_credentials"), null));
    }

    @Test
    void neverShowsTheSecretInItsDescription() {
        assertFalse(new PresentedCredentials("api-x", "s3cret-value").toString().contains("s3cret-value"));
    }
}
