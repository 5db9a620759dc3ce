package focus.apiaccess.keycloak.guard;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GuardRulesTest {

    /** "-" for no answer (null); otherwise the refusal's leading word. */
    private static String verdict(String description) {
        return description == null ? "-" : description.substring(0, description.indexOf(':'));
    }

    @ParameterizedTest(name = "marker {0} → {1}")
    @CsvSource(nullValues = "null", value = {
            "true,    -",
            "null,    not_managed",
            "'',      not_managed",
            "TRUE,    not_managed",
            "' true', not_managed",
            "false,   not_managed",
    })
    void onlyAClientWithExactlyTheMarkerIsATarget(String marker, String expected) {
        assertEquals(expected, verdict(GuardRules.target("some-client", marker, "change")));
    }

    @ParameterizedTest(name = "{0}: {1}={2}, secret {3} → {4}")
    @CsvSource(nullValues = "null", value = {
            // creating: the marker is required
            "create, focus.api-client,                       true,  null,   -",
            "create, null,                                   null,  null,   marker_protected",
            "create, focus.api-client,                       false, null,   marker_protected",
            "create, focus.api-client,                       true,  chosen, secret_protected",
            // changing: the marker may be left out, not removed or altered
            "update, null,                                   null,  null,   -",
            "update, focus.ip-ranges,                        '',    null,   -",
            "update, focus.ip-ranges,                        10.0.0.0/8, null, -",
            "update, focus.api-client,                       true,  null,   -",
            "update, focus.api-client,                       '',    null,   marker_protected",
            "update, focus.api-client,                       yes,   null,   marker_protected",
            "update, focus.name,                             x,     chosen, secret_protected",
            // Keycloak's secret bookkeeping and the record of secret requests are Keycloak's to write
            "update, client.secret.rotated,                  x,     null,   attribute_protected",
            "update, client.secret.expiration.time,          1,     null,   attribute_protected",
            "update, client.secret.rotated.expiration.time,  9999999999, null, attribute_protected",
            "update, focus.credentials-request,              creation, null, attribute_protected",
            // the digests, expiries and grace periods of the extension too; asking for the grace period to end is allowed
            "update, focus.secret.digest,                    hmac-sha256:x:y, null, attribute_protected",
            "update, focus.secret.previous-valid-until,      9999999999, null, attribute_protected",
            "update, focus.secret.expires-at,                9999999999, null, attribute_protected",
            "update, focus.credentials-end-previous,         now,   null,   -",
    })
    void proposals(String mode, String key, String value, String secret, String expected) {
        boolean creating = mode.equals("create");
        Map<String, String> attributes = new HashMap<>();
        if (key != null) attributes.put(key, value);
        if (creating && key != null && key.startsWith("client.")) attributes.put("focus.api-client", "true");
        assertEquals(expected, verdict(GuardRules.proposal(key == null ? null : attributes, secret, creating)));
    }

    @ParameterizedTest(name = "{0} with {1} (now {2}) → {3}")
    @CsvSource(nullValues = "null", value = {
            "create, focus-client-secret-digest, null,                       -",
            "create, client-secret,              null,                       authenticator_protected",
            "create, null,                       null,                       authenticator_protected",
            "update, null,                       focus-client-secret-digest, -",
            "update, focus-client-secret-digest, focus-client-secret-digest, -",
            "update, client-secret,              client-secret,              -",
            "update, client-secret,              focus-client-secret-digest, authenticator_protected",
            "update, focus-client-secret-digest, client-secret,              authenticator_protected",
            "update, client-jwt,                 focus-client-secret-digest, authenticator_protected",
    })
    void authenticators(String mode, String proposed, String current, String expected) {
        assertEquals(expected, verdict(GuardRules.authenticator(proposed, current, mode.equals("create"))));
    }

    @ParameterizedTest(name = "creating with {0} as well")
    @CsvSource({"client.secret.creation.time", "focus.credentials-request"})
    void aNewClientMayNotCarryKeycloaksSecretAttributesEither(String key) {
        Map<String, String> attributes = Map.of("focus.api-client", "true", key, "1");
        assertEquals("attribute_protected", verdict(GuardRules.proposal(attributes, null, true)));
    }
}
