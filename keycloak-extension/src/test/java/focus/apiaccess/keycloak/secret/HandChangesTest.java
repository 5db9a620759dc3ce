package focus.apiaccess.keycloak.secret;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.ClientModel;
import org.keycloak.representations.idm.ClientRepresentation;

import focus.apiaccess.keycloak.Fakes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandChangesTest {

    private static final String DIGEST = "hmac-sha256:AAAAAAAAAAAAAAAAAAAAAA:" + "B".repeat(43);

    /** An API client on digests as Keycloak holds it: confidential, with its service account, an expiry in 2027. */
    private static ClientModel client() {
        Map<String, String> attributes = new HashMap<>(Map.of(
                StoredSecrets.DIGEST, DIGEST,
                StoredSecrets.EXPIRES_AT, "1800000000",
                "client.secret.creation.time", "1796000000"));
        return Fakes.fake(ClientModel.class, Map.of(
                "getClientId", "api-eaglebe-1a2b",
                "getAttribute", (Function<Object[], Object>) args -> attributes.get((String) args[0]),
                "isPublicClient", false,
                "isBearerOnly", false,
                "isServiceAccountsEnabled", true,
                "getProtocol", "openid-connect"));
    }

    private static ClientRepresentation withAttribute(String name, String value) {
        ClientRepresentation rep = new ClientRepresentation();
        Map<String, String> attributes = new HashMap<>();
        attributes.put(name, value);
        rep.setAttributes(attributes);
        return rep;
    }

    private static String verdict(ClientRepresentation rep) {
        return HandChanges.verdict(client(), rep, false);
    }

    @Test
    void letsTheClientAsReadBeSentBack() {
        ClientRepresentation rep = new ClientRepresentation();
        rep.setSecret("");
        rep.setClientAuthenticatorType(SecretDigestAuthenticatorFactory.PROVIDER_ID);
        rep.setPublicClient(false);
        rep.setBearerOnly(false);
        rep.setServiceAccountsEnabled(true);
        rep.setClientId("api-eaglebe-1a2b");
        rep.setProtocol("openid-connect");
        rep.setAttributes(Map.of(StoredSecrets.DIGEST, DIGEST, StoredSecrets.EXPIRES_AT, "1800000000",
                "client.secret.creation.time", "1796000000", "focus.ip-ranges", "10.0.0.0/8", "focus.api-client", "true"));
        assertNull(verdict(rep));
    }

    @Test
    void refusesASecretAndAnotherAuthenticatorWithoutNamingTheSecret() {
        ClientRepresentation secret = new ClientRepresentation();
        secret.setSecret("chosen-by-hand");
        String refused = verdict(secret);
        assertTrue(refused.startsWith(HandChanges.SECRET_NOT_SETTABLE + ": client api-eaglebe-1a2b "));
        assertFalse(refused.contains("chosen-by-hand"));
        ClientRepresentation authenticator = new ClientRepresentation();
        authenticator.setClientAuthenticatorType("client-jwt");
        assertTrue(verdict(authenticator).startsWith(HandChanges.AUTHENTICATOR_FIXED + ": "));
    }

    @ParameterizedTest
    @CsvSource({"''", "false", "TRUE"})
    void refusesToRemoveOrAlterTheMarker(String marker) {
        assertTrue(verdict(withAttribute("focus.api-client", marker)).startsWith(HandChanges.MARKER_PROTECTED + ": client api-eaglebe-1a2b "));
    }

    @Test
    void takesAClientStoredWithoutAProtocolForTheOpenIdConnectOneItReadsAs() {
        ClientModel withoutProtocol = Fakes.fake(ClientModel.class, Map.of("getClientId", "api-eaglebe-1a2b", "getProtocol", (Function<Object[], Object>) args -> null));
        ClientRepresentation rep = new ClientRepresentation();
        rep.setProtocol("openid-connect");
        assertNull(HandChanges.verdict(withoutProtocol, rep, false));
    }

    @Test
    void refusesAnotherClientId() {
        ClientRepresentation rep = new ClientRepresentation();
        rep.setClientId("api-someone-else");
        assertTrue(verdict(rep).startsWith(HandChanges.CLIENT_ID_FIXED + ": the Client ID api-eaglebe-1a2b "));
    }

    @ParameterizedTest
    @CsvSource({"focus.credentials-undelivered, creation", "focus.credentials-generated-by, mallory", "focus.credentials-generated-at, 2026-01-01T00:00:00Z"})
    void leavesTheProvisionersOwnRecordsToItsAccount(String name, String value) {
        assertTrue(verdict(withAttribute(name, value)).startsWith(HandChanges.SECRET_RECORD_PROTECTED + ": the attribute " + name + " "));
        assertNull(HandChanges.verdict(client(), withAttribute(name, value), true));
    }

    @ParameterizedTest
    @CsvSource({"publicClient", "bearerOnly", "serviceAccountsEnabled", "protocol"})
    void refusesWhatWouldStopTheVendorsTokensUnrecorded(String field) {
        ClientRepresentation rep = new ClientRepresentation();
        switch (field) {
            case "publicClient" -> rep.setPublicClient(true);
            case "bearerOnly" -> rep.setBearerOnly(true);
            case "protocol" -> rep.setProtocol("saml");
            default -> rep.setServiceAccountsEnabled(false);
        }
        assertTrue(verdict(rep).startsWith(HandChanges.CLIENT_TYPE_FIXED + ": client api-eaglebe-1a2b "));
    }

    @ParameterizedTest
    @CsvSource({
            // A digest of someone's choosing: a secret planted; one removed: the vendor stopped.
            StoredSecrets.DIGEST + ", hmac-sha256:CCCCCCCCCCCCCCCCCCCCCC:DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
            StoredSecrets.DIGEST + ", ''",
            StoredSecrets.PREVIOUS_DIGEST + ", hmac-sha256:CCCCCCCCCCCCCCCCCCCCCC:DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
            StoredSecrets.PREVIOUS_VALID_UNTIL + ", 4102444800",
            // An expiry made later, removed, or unreadable.
            StoredSecrets.EXPIRES_AT + ", 1900000000",
            StoredSecrets.EXPIRES_AT + ", ''",
            StoredSecrets.EXPIRES_AT + ", soon",
            "client.secret.creation.time, 1",
            "client.secret.rotated, a-secret-in-clear",
            "focus.credentials-request, creation",
    })
    void refusesSecretRecordsChangedByHand(String name, String value) {
        String refused = verdict(withAttribute(name, value));
        assertTrue(refused != null && refused.startsWith(HandChanges.SECRET_RECORD_PROTECTED + ": the attribute " + name + " "), refused);
    }

    @ParameterizedTest
    @CsvSource({"1799999999", "1000"})
    void letsARealmAdministratorBringTheExpiryForward(String until) {
        assertNull(verdict(withAttribute(StoredSecrets.EXPIRES_AT, until)));
    }

    @Test
    void letsAnExpiryBeSetWhereThereWasNone() {
        Map<String, String> none = new HashMap<>();
        ClientModel withoutExpiry = Fakes.fake(ClientModel.class, Map.of(
                "getClientId", "api-eaglebe-1a2b",
                "getAttribute", (Function<Object[], Object>) args -> none.get((String) args[0])));
        assertNull(HandChanges.verdict(withoutExpiry, withAttribute(StoredSecrets.EXPIRES_AT, "1800000000"), false));
    }
}
