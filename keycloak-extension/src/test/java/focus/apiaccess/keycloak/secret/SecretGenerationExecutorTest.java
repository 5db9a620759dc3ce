package focus.apiaccess.keycloak.secret;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import jakarta.ws.rs.core.HttpHeaders;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.AdminClientRegisteredContext;
import org.keycloak.services.clientpolicy.context.AdminClientUpdatedContext;
import org.keycloak.services.clientpolicy.context.ClientSecretRotationContext;
import org.keycloak.services.resources.admin.AdminAuth;

import focus.apiaccess.keycloak.Fakes;
import focus.apiaccess.keycloak.Fakes.SessionProbe;

import static focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory.CREDENTIALS_REQUEST_ATTRIBUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretGenerationExecutorTest {

    private static final String KEY = "3q2-7wEAAAAAbcdefghijklmnopqrstuvwxyz012345";
    private static final String ROTATED = "client.secret.rotated";
    private static final String ROTATED_CREATED = "client.secret.rotated.creation.time";
    private static final String ROTATED_EXPIRES = "client.secret.rotated.expiration.time";
    private static final AdminAuth ADMIN = new AdminAuth(null, null, null, null);

    private final SessionProbe probe = new SessionProbe();
    private boolean adminEventDetails;
    /** What the database held before the request (secret-rotation has changed the client by the time the executor runs). */
    private Map<String, String> stored = Map.of();

    private RealmModel realm() {
        return Fakes.fake(RealmModel.class, Map.of(
                "getName", "focus",
                "isAdminEventsEnabled", true,
                "isAdminEventsDetailsEnabled", (Function<Object[], Object>) args -> adminEventDetails));
    }

    private SecretGenerationExecutor executor(String requestKey) {
        HttpHeaders headers = Fakes.fake(HttpHeaders.class, Map.of("getHeaderString", (Function<Object[], Object>) args ->
                SecretGenerationExecutor.REQUEST_KEY_HEADER.equals(args[0]) ? requestKey : null));
        return new SecretGenerationExecutor(Fakes.session(Map.of("getRequestHeaders", headers), probe), client -> stored);
    }

    /** A client right after Keycloak's secret-rotation executor moved the old secret aside, as in a regeneration. */
    private ClientModel rotatedClient(String credentialsRequest) {
        Map<String, String> attributes = new HashMap<>(Map.of(
                ROTATED, "the-old-secret", ROTATED_CREATED, "1700000000", ROTATED_EXPIRES, "1700086400",
                "client.secret.creation.time", "1700000000"));
        if (credentialsRequest != null) attributes.put(CREDENTIALS_REQUEST_ATTRIBUTE, credentialsRequest);
        return Fakes.client(attributes, realm());
    }

    private static ClientSecretRotationContext regeneration(ClientModel client) {
        return new ClientSecretRotationContext(new ClientRepresentation(), client, "the-old-secret", ADMIN);
    }

    @Test
    void recordsThatANewClientsSecretIsTheOneMadeAtCreation() throws ClientPolicyException {
        ClientModel client = Fakes.client(new HashMap<>(), realm());
        executor(null).executeOnEvent(new AdminClientRegisteredContext(client, ADMIN));
        assertEquals(SecretGenerationExecutor.AT_CREATION, client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE));
    }

    @Test
    void endsTheNeverShownCreationSecretAtOnceAndRecordsTheRequest() throws ClientPolicyException {
        stored = Map.of(ROTATED, "must-not-be-read");
        ClientModel client = rotatedClient(SecretGenerationExecutor.AT_CREATION);
        executor(KEY).executeOnEvent(regeneration(client));
        assertNull(client.getAttribute(ROTATED));
        assertNull(client.getAttribute(ROTATED_CREATED));
        assertNull(client.getAttribute(ROTATED_EXPIRES));
        assertEquals(KEY, client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE));
        assertFalse(probe.rollbackOnly);
    }

    @Test
    void keepsAPreviousSecretThatWasHandedOutForItsGracePeriod() throws ClientPolicyException {
        ClientModel client = rotatedClient("an-earlier-request-key");
        executor(KEY).executeOnEvent(regeneration(client));
        assertEquals("the-old-secret", client.getAttribute(ROTATED));
        assertEquals("1700086400", client.getAttribute(ROTATED_EXPIRES));
        assertEquals(KEY, client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE));
    }

    @Test
    void endsASecretWhoseAnswerWasLostAndLeavesTheVendorsPreviousSecretItsGracePeriod() throws ClientPolicyException {
        // Before: the lost secret was current (made by request "lost-request"), the vendor's secret in its grace period.
        stored = Map.of(ROTATED, "the-vendors-secret", ROTATED_CREATED, "1699990000", ROTATED_EXPIRES, "1700076400");
        ClientModel client = rotatedClient("lost-request");
        client.setAttribute(SecretGenerationExecutorFactory.CREDENTIALS_UNDELIVERED_ATTRIBUTE, "lost-request");

        executor(KEY).executeOnEvent(regeneration(client));

        assertEquals("the-vendors-secret", client.getAttribute(ROTATED));
        assertEquals("1699990000", client.getAttribute(ROTATED_CREATED));
        assertEquals("1700076400", client.getAttribute(ROTATED_EXPIRES));
        assertNull(client.getAttribute(SecretGenerationExecutorFactory.CREDENTIALS_UNDELIVERED_ATTRIBUTE));
        assertEquals(KEY, client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE));
    }

    @Test
    void aLostAnswerOfAnEarlierRequestChangesNothing() throws ClientPolicyException {
        ClientModel client = rotatedClient("delivered-request");
        client.setAttribute(SecretGenerationExecutorFactory.CREDENTIALS_UNDELIVERED_ATTRIBUTE, "an-older-request");
        executor(KEY).executeOnEvent(regeneration(client));
        assertEquals("the-old-secret", client.getAttribute(ROTATED));
        assertNull(client.getAttribute(SecretGenerationExecutorFactory.CREDENTIALS_UNDELIVERED_ATTRIBUTE));
    }

    @Test
    void keepsASecretOfUnknownOriginForItsGracePeriodToo() throws ClientPolicyException {
        ClientModel client = rotatedClient(null);
        executor(KEY).executeOnEvent(regeneration(client));
        assertEquals("1700086400", client.getAttribute(ROTATED_EXPIRES));
    }

    @Test
    void aGenerationWithoutARequestKeyKeepsTheCreationSecretForItsGracePeriodAndLeavesTheOriginUnknown() throws ClientPolicyException {
        // The admin console: its user may have read the creation secret there and handed it out.
        ClientModel client = rotatedClient(SecretGenerationExecutor.AT_CREATION);
        executor(null).executeOnEvent(regeneration(client));
        assertEquals("1700086400", client.getAttribute(ROTATED_EXPIRES));
        assertNull(client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE));
    }

    @Test
    void refusesToGenerateTwiceForOneRequestAndRollsTheNewSecretBack() {
        ClientModel client = rotatedClient(KEY);
        ClientPolicyException refusal = assertThrows(ClientPolicyException.class, () -> executor(KEY).executeOnEvent(regeneration(client)));
        assertEquals(OAuthErrorException.INVALID_REQUEST, refusal.getError());
        assertTrue(refusal.getErrorDetail().startsWith(SecretGenerationExecutor.ALREADY_GENERATED + ": "));
        assertTrue(probe.rollbackOnly);
        assertEquals(KEY, client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE));
    }

    @Test
    void refusesToGenerateWhileAdminEventsWouldCopyTheSecret() {
        adminEventDetails = true;
        ClientModel client = rotatedClient("an-earlier-request-key");
        ClientPolicyException refusal = assertThrows(ClientPolicyException.class, () -> executor(KEY).executeOnEvent(regeneration(client)));
        assertTrue(refusal.getErrorDetail().startsWith(SecretGenerationExecutor.ADMIN_EVENTS_WITH_REPRESENTATION + ": "));
        assertTrue(probe.rollbackOnly);
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "has spaces in it, sixteen+", "ünïcødé-ünïcødé-ünïcødé"})
    void refusesAMalformedRequestKey(String key) {
        ClientPolicyException refusal = assertThrows(ClientPolicyException.class,
                () -> executor(key).executeOnEvent(regeneration(rotatedClient(null))));
        assertTrue(refusal.getErrorDetail().startsWith(SecretGenerationExecutor.REQUEST_KEY_INVALID + ": "));
    }

    @Test
    void ignoresOrdinaryUpdates() throws ClientPolicyException {
        ClientModel client = rotatedClient(SecretGenerationExecutor.AT_CREATION);
        executor(KEY).executeOnEvent(new AdminClientUpdatedContext(new ClientRepresentation(), client, ADMIN));
        assertEquals(SecretGenerationExecutor.AT_CREATION, client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE));
        assertEquals("1700086400", client.getAttribute(ROTATED_EXPIRES));
    }
}
