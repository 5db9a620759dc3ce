package focus.apiaccess.keycloak.secret;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import jakarta.ws.rs.core.HttpHeaders;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.AdminClientRegisteredContext;
import org.keycloak.services.clientpolicy.context.AdminClientUpdateContext;
import org.keycloak.services.clientpolicy.context.AdminClientUpdatedContext;
import org.keycloak.services.clientpolicy.context.ClientSecretRotationContext;
import org.keycloak.services.resources.admin.AdminAuth;

import focus.apiaccess.keycloak.Fakes;
import focus.apiaccess.keycloak.Fakes.SessionProbe;
import focus.apiaccess.keycloak.SharedLimits;

import static focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory.CREDENTIALS_REQUEST_ATTRIBUTE;
import static focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory.CREDENTIALS_UNDELIVERED_ATTRIBUTE;
import static focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory.END_PREVIOUS_ATTRIBUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretGenerationExecutorTest {

    private static final String KEY = "3q2-7wEAAAAAbcdefghijklmnopqrstuvwxyz012345";
    private static final String DIGESTS = SecretDigestAuthenticatorFactory.PROVIDER_ID;
    private static final String ROTATED = "client.secret.rotated";
    private static final String ROTATED_EXPIRES = "client.secret.rotated.expiration.time";
    private static final String SECRET_EXPIRES = "client.secret.expiration.time";
    private static final String CREATION_TIME = "client.secret.creation.time";
    private static final String GENERATED_BY = "focus.credentials-generated-by";
    private static final String GENERATED_AT = "focus.credentials-generated-at";
    private static final long GRACE = 3600;
    private static final AdminAuth ADMIN = new AdminAuth(null, null, null, null);

    private final SessionProbe probe = new SessionProbe();
    private boolean adminEventDetails;

    private RealmModel realm() {
        return Fakes.fake(RealmModel.class, Map.of(
                "getName", "focus",
                "isAdminEventsEnabled", true,
                "isAdminEventsDetailsEnabled", (Function<Object[], Object>) args -> adminEventDetails));
    }

    private SecretGenerationExecutor executor(String requestKey) {
        return executor(requestKey, null);
    }

    private SecretGenerationExecutor executor(String requestKey, String lifetimeDays) {
        Map<String, String> sent = new HashMap<>();
        if (requestKey != null) sent.put(SecretGenerationExecutor.REQUEST_KEY_HEADER, requestKey);
        if (lifetimeDays != null) sent.put(SecretGenerationExecutor.LIFETIME_HEADER_NAME, lifetimeDays);
        HttpHeaders headers = Fakes.fake(HttpHeaders.class, Map.of("getHeaderString", (Function<Object[], Object>) args -> sent.get((String) args[0])));
        SecretGenerationExecutor executor = new SecretGenerationExecutor(Fakes.session(Map.of("getRequestHeaders", headers), probe));
        SecretGenerationExecutor.Configuration configuration = new SecretGenerationExecutor.Configuration();
        configuration.setGraceSeconds(String.valueOf(GRACE));
        executor.setupConfiguration(configuration);
        return executor;
    }

    /** A client on digests whose current secret is {@code current} (made by request {@code credentialsRequest}). */
    private ClientModel clientOnDigests(String current, String credentialsRequest) {
        Map<String, String> attributes = new HashMap<>();
        if (current != null) attributes.put(StoredSecrets.DIGEST, SecretDigest.of(current).stored());
        if (credentialsRequest != null) attributes.put(CREDENTIALS_REQUEST_ATTRIBUTE, credentialsRequest);
        ClientModel client = Fakes.client(attributes, realm());
        client.setClientAuthenticatorType(DIGESTS);
        return client;
    }

    /** A client from before digests: its secret in Keycloak's field, in clear. */
    private ClientModel clientInClear(String secret, String credentialsRequest) {
        Map<String, String> attributes = new HashMap<>();
        if (credentialsRequest != null) attributes.put(CREDENTIALS_REQUEST_ATTRIBUTE, credentialsRequest);
        ClientModel client = Fakes.client(attributes, realm());
        client.setSecret(secret);
        return client;
    }

    /** What Keycloak does on {@code POST …/client-secret}: sets the new secret, then raises the event with the old one. */
    private static ClientSecretRotationContext regeneration(ClientModel client, String newSecret) {
        String replaced = client.getSecret();
        client.setSecret(newSecret);
        return new ClientSecretRotationContext(new ClientRepresentation(), client, replaced, ADMIN);
    }

    private static boolean works(ClientModel client, String secret) {
        return SecretCheck.check(StoredSecrets.of(client), secret, Time.currentTime()).accepted();
    }

    private static long previousUntil(ClientModel client) {
        return Long.parseLong(client.getAttribute(StoredSecrets.PREVIOUS_VALID_UNTIL));
    }

    @Test
    void recordsThatANewClientsSecretIsTheOneMadeAtCreationAndKeepsNoneOfItOnDigests() throws ClientPolicyException {
        ClientModel client = clientOnDigests(null, null);
        client.setSecret("made-at-creation");
        executor(null).executeOnEvent(new AdminClientRegisteredContext(client, ADMIN));
        assertEquals(SecretGenerationExecutor.AT_CREATION, client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE));
        assertNull(client.getSecret());
        assertFalse(works(client, "made-at-creation"));
    }

    @Test
    void leavesTheSecretOfANewClientThatAuthenticatesWithASecretInClear() throws ClientPolicyException {
        ClientModel client = clientInClear("made-at-creation", null);
        executor(null).executeOnEvent(new AdminClientRegisteredContext(client, ADMIN));
        assertEquals("made-at-creation", client.getSecret());
        // Whoever made it chose or saw that secret: its first generation gives it the grace period.
        assertNull(client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE));
    }

    @Test
    void keepsOnlyTheDigestOfANewSecretAndTheReplacedOneForTheGracePeriod() throws ClientPolicyException {
        ClientModel client = clientOnDigests("handed-out", "an-earlier-request-key");
        long before = Time.currentTime();
        executor(KEY).executeOnEvent(regeneration(client, "brand-new"));

        assertNull(client.getSecret());
        assertEquals(DIGESTS, client.getClientAuthenticatorType());
        assertTrue(works(client, "brand-new"));
        assertTrue(works(client, "handed-out"));
        assertFalse(works(client, "something-else"));
        assertTrue(previousUntil(client) >= before + GRACE && previousUntil(client) <= Time.currentTime() + GRACE);
        assertNull(client.getAttribute(StoredSecrets.EXPIRES_AT));
        assertEquals(KEY, client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE));
        assertTrue(client.getAttributes().values().stream().noneMatch(v -> v.contains("brand-new") || v.contains("handed-out")));
        assertFalse(probe.rollbackOnly);
    }

    @Test
    void movesAClientWithASecretInClearToDigestsAndItsSecretToThePreviousOne() throws ClientPolicyException {
        ClientModel client = clientInClear("in-clear", null);
        // Keycloak's secret rotation (a preview feature) may have left its own record of a previous secret, in clear.
        client.setAttribute(ROTATED, "older-in-clear");
        client.setAttribute(ROTATED_EXPIRES, "9999999999");
        client.setAttribute(SECRET_EXPIRES, "9999999999");

        executor(KEY).executeOnEvent(regeneration(client, "brand-new"));

        assertEquals(DIGESTS, client.getClientAuthenticatorType());
        assertNull(client.getSecret());
        assertTrue(works(client, "brand-new"));
        assertTrue(works(client, "in-clear"));
        assertFalse(works(client, "older-in-clear"));
        assertNull(client.getAttribute(ROTATED));
        assertNull(client.getAttribute(ROTATED_EXPIRES));
        assertNull(client.getAttribute(SECRET_EXPIRES));
    }

    @Test
    void endsTheNeverShownCreationSecretAtOnce() throws ClientPolicyException {
        ClientModel client = clientInClear("made-at-creation", SecretGenerationExecutor.AT_CREATION);
        executor(KEY).executeOnEvent(regeneration(client, "brand-new"));
        assertTrue(works(client, "brand-new"));
        assertFalse(works(client, "made-at-creation"));
        assertNull(client.getAttribute(StoredSecrets.PREVIOUS_DIGEST));
        assertEquals(KEY, client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE));
    }

    @Test
    void endsASecretWhoseAnswerWasLostAndLeavesTheVendorsPreviousSecretItsGracePeriod() throws ClientPolicyException {
        // Before: the lost secret is current (made by request "lost-request"), the vendor's secret in its grace period.
        ClientModel client = clientOnDigests("lost", "lost-request");
        String vendors = SecretDigest.of("the-vendors").stored();
        client.setAttribute(StoredSecrets.PREVIOUS_DIGEST, vendors);
        client.setAttribute(StoredSecrets.PREVIOUS_VALID_UNTIL, "4102444800");
        client.setAttribute(CREDENTIALS_UNDELIVERED_ATTRIBUTE, "lost-request");

        executor(KEY).executeOnEvent(regeneration(client, "brand-new"));

        assertTrue(works(client, "brand-new"));
        assertFalse(works(client, "lost"));
        assertEquals(vendors, client.getAttribute(StoredSecrets.PREVIOUS_DIGEST));
        assertEquals("4102444800", client.getAttribute(StoredSecrets.PREVIOUS_VALID_UNTIL));
        assertNull(client.getAttribute(CREDENTIALS_UNDELIVERED_ATTRIBUTE));
        assertEquals(KEY, client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE));
    }

    @Test
    void aLostAnswerOfAnEarlierRequestChangesNothing() throws ClientPolicyException {
        ClientModel client = clientOnDigests("delivered", "delivered-request");
        client.setAttribute(CREDENTIALS_UNDELIVERED_ATTRIBUTE, "an-older-request");
        executor(KEY).executeOnEvent(regeneration(client, "brand-new"));
        assertTrue(works(client, "delivered"));
        assertNull(client.getAttribute(CREDENTIALS_UNDELIVERED_ATTRIBUTE));
    }

    @Test
    void aGenerationWithoutARequestKeyKeepsTheCreationSecretForItsGracePeriodAndLeavesTheOriginUnknown() throws ClientPolicyException {
        // The admin console: its user may have read the creation secret there and handed it out.
        ClientModel client = clientInClear("made-at-creation", SecretGenerationExecutor.AT_CREATION);
        executor(null).executeOnEvent(regeneration(client, "brand-new"));
        assertTrue(works(client, "made-at-creation"));
        assertNull(client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE));
    }

    @Test
    void aSecondRegenerationEndsTheOldestSecret() throws ClientPolicyException {
        ClientModel client = clientOnDigests("first", null);
        executor("request-key-number-two").executeOnEvent(regeneration(client, "second"));
        executor("request-key-number-three").executeOnEvent(regeneration(client, "third"));
        assertFalse(works(client, "first"));
        assertTrue(works(client, "second"));
        assertTrue(works(client, "third"));
    }

    @Test
    void givesANewSecretTheLifetimeAskedFor() throws ClientPolicyException {
        ClientModel client = clientOnDigests("handed-out", null);
        long before = Time.currentTime();
        executor(KEY, "90").executeOnEvent(regeneration(client, "brand-new"));
        long expiresAt = Long.parseLong(client.getAttribute(StoredSecrets.EXPIRES_AT));
        assertTrue(expiresAt >= before + 90 * 86_400L && expiresAt <= Time.currentTime() + 90 * 86_400L);

        executor("another-request-key").executeOnEvent(regeneration(client, "without-expiry"));
        assertNull(client.getAttribute(StoredSecrets.EXPIRES_AT));
    }

    @Test
    void neverLetsTheGracePeriodOutlastTheReplacedSecretsExpiry() throws ClientPolicyException {
        long now = Time.currentTime();
        ClientModel soon = clientOnDigests("expires-soon", null);
        soon.setAttribute(StoredSecrets.EXPIRES_AT, String.valueOf(now + 60));
        executor(KEY).executeOnEvent(regeneration(soon, "brand-new"));
        assertEquals(now + 60, previousUntil(soon));

        ClientModel expired = clientOnDigests("expired", null);
        expired.setAttribute(StoredSecrets.EXPIRES_AT, String.valueOf(now - 60));
        executor(KEY).executeOnEvent(regeneration(expired, "brand-new"));
        assertFalse(works(expired, "expired"));
        assertNull(expired.getAttribute(StoredSecrets.PREVIOUS_DIGEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "731", "-1", "1.5", "ninety", "", "99999999999"})
    void refusesALifetimeOutsideTheLimits(String days) {
        ClientModel client = clientOnDigests("handed-out", null);
        ClientPolicyException refusal = assertThrows(ClientPolicyException.class,
                () -> executor(KEY, days).executeOnEvent(regeneration(client, "brand-new")));
        assertTrue(refusal.getErrorDetail().startsWith(SecretGenerationExecutor.LIFETIME_INVALID + ": "));
        assertTrue(refusal.getErrorDetail().contains("1 to " + SharedLimits.SECRET_LIFETIME_MAX_DAYS));
        assertTrue(probe.rollbackOnly);
    }

    @Test
    void refusesToGenerateTwiceForOneRequestAndRollsTheNewSecretBack() {
        ClientModel client = clientOnDigests("handed-out", KEY);
        ClientPolicyException refusal = assertThrows(ClientPolicyException.class,
                () -> executor(KEY).executeOnEvent(regeneration(client, "brand-new")));
        assertEquals(OAuthErrorException.INVALID_REQUEST, refusal.getError());
        assertTrue(refusal.getErrorDetail().startsWith(SecretGenerationExecutor.ALREADY_GENERATED + ": "));
        assertTrue(probe.rollbackOnly);
    }

    @Test
    void refusesToGenerateWhileAdminEventsWouldCopyTheSecret() {
        adminEventDetails = true;
        ClientModel client = clientOnDigests("handed-out", null);
        ClientPolicyException refusal = assertThrows(ClientPolicyException.class,
                () -> executor(KEY).executeOnEvent(regeneration(client, "brand-new")));
        assertTrue(refusal.getErrorDetail().startsWith(SecretGenerationExecutor.ADMIN_EVENTS_WITH_REPRESENTATION + ": "));
        assertTrue(probe.rollbackOnly);
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "has spaces in it, sixteen+", "ünïcødé-ünïcødé-ünïcødé"})
    void refusesAMalformedRequestKey(String key) {
        ClientPolicyException refusal = assertThrows(ClientPolicyException.class,
                () -> executor(key).executeOnEvent(regeneration(clientOnDigests("handed-out", null), "brand-new")));
        assertTrue(refusal.getErrorDetail().startsWith(SecretGenerationExecutor.REQUEST_KEY_INVALID + ": "));
    }

    @Test
    void emptiesKeycloaksSecretFieldAgainAfterAnUpdateFilledIt() throws ClientPolicyException {
        ClientModel client = clientOnDigests("handed-out", SecretGenerationExecutor.AT_CREATION);
        client.setSecret("filled-in-by-an-update");
        executor(KEY).executeOnEvent(new AdminClientUpdatedContext(new ClientRepresentation(), client, ADMIN));
        assertNull(client.getSecret());
        assertTrue(works(client, "handed-out"));
        assertEquals(SecretGenerationExecutor.AT_CREATION, client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE));
    }

    @Test
    void endsTheGracePeriodWhenAnUpdateAsksForItAndKeepsNoTraceOfTheRequest() throws ClientPolicyException {
        ClientModel client = clientOnDigests("handed-out", null);
        executor(KEY).executeOnEvent(regeneration(client, "brand-new"));
        assertTrue(works(client, "handed-out"));

        client.setAttribute(END_PREVIOUS_ATTRIBUTE, "now");
        executor(null).executeOnEvent(new AdminClientUpdatedContext(new ClientRepresentation(), client, ADMIN));

        assertFalse(works(client, "handed-out"));
        assertTrue(works(client, "brand-new"));
        assertNull(client.getAttribute(StoredSecrets.PREVIOUS_VALID_UNTIL));
        assertNull(client.getAttribute(END_PREVIOUS_ATTRIBUTE));
    }

    /**
     * A regeneration asked for by {@code username} through the client {@code through} (its token's), with the request
     * key {@code requestKey} (none from Keycloak's admin API).
     */
    private void regenerationBy(String username, String through, String requestKey, ClientModel client, String newSecret)
            throws ClientPolicyException {
        UserModel caller = Fakes.fake(UserModel.class, Map.of("getUsername", username));
        ClientModel tokenClient = Fakes.fake(ClientModel.class, Map.of("getClientId", through));
        String replaced = client.getSecret();
        client.setSecret(newSecret);
        executor(requestKey).executeOnEvent(new ClientSecretRotationContext(new ClientRepresentation(), client, replaced,
                new AdminAuth(null, null, caller, tokenClient)));
    }

    @Test
    void recordsWhoAndWhenOfAGenerationThroughKeycloaksAdminApi() throws ClientPolicyException {
        ClientModel client = clientOnDigests("handed-out", null);
        long before = System.currentTimeMillis();
        regenerationBy("realm-admin", "admin-cli", null, client, "from-kcadm");

        assertEquals("realm-admin", client.getAttribute(GENERATED_BY));
        long at = Instant.parse(client.getAttribute(GENERATED_AT)).toEpochMilli();
        assertTrue(at >= before - 1000 && at <= System.currentTimeMillis() + 1000, "generated at " + at);
        assertTrue(works(client, "from-kcadm"));
    }

    @Test
    void refusesAGenerationInKeycloaksConsoleWhichWouldShowNobodyTheSecret() {
        ClientModel client = clientOnDigests("handed-out", null);
        ClientPolicyException refused = assertThrows(ClientPolicyException.class,
                () -> regenerationBy("realm-admin", "security-admin-console", null, client, "never-seen"));

        assertTrue(refused.getErrorDetail().startsWith(SecretGenerationExecutor.GENERATED_IN_CONSOLE + ":"), refused.getErrorDetail());
        assertTrue(probe.rollbackOnly);
        assertNull(client.getAttribute(GENERATED_BY));
    }

    @Test
    void leavesWhoAndWhenToTheProvisionerForItsOwnGenerations() throws ClientPolicyException {
        ClientModel client = clientOnDigests("handed-out", null);
        regenerationBy("service-account-api-access-provisioner", "api-access-provisioner", KEY, client, "brand-new");

        assertNull(client.getAttribute(GENERATED_BY));
        assertNull(client.getAttribute(GENERATED_AT));
    }

    /** What Keycloak does to a client with an empty secret field on every update, between the two events. */
    private static void keycloakFillsTheSecretField(ClientModel client, String madeAt) {
        client.setSecret("filled-in-by-keycloak");
        client.setAttribute(CREATION_TIME, madeAt);
    }

    @Test
    void keepsTheSecretsCreationTimeThroughAnUpdate() throws ClientPolicyException {
        ClientModel client = clientOnDigests("handed-out", null);
        client.setAttribute(CREATION_TIME, "1796000000");
        SecretGenerationExecutor executor = executor(null);
        executor.executeOnEvent(new AdminClientUpdateContext(new ClientRepresentation(), client, ADMIN));
        keycloakFillsTheSecretField(client, "1796000123");
        executor.executeOnEvent(new AdminClientUpdatedContext(new ClientRepresentation(), client, ADMIN));

        assertNull(client.getSecret());
        assertEquals("1796000000", client.getAttribute(CREATION_TIME));
        assertTrue(works(client, "handed-out"));
    }

    @Test
    void leavesNoCreationTimeWhereThereWasNone() throws ClientPolicyException {
        ClientModel client = clientOnDigests("handed-out", null);
        SecretGenerationExecutor executor = executor(null);
        executor.executeOnEvent(new AdminClientUpdateContext(new ClientRepresentation(), client, ADMIN));
        keycloakFillsTheSecretField(client, "1796000123");
        executor.executeOnEvent(new AdminClientUpdatedContext(new ClientRepresentation(), client, ADMIN));

        assertNull(client.getSecret());
        assertNull(client.getAttribute(CREATION_TIME));
    }

    private static ClientRepresentation withSecret(String secret) {
        ClientRepresentation rep = new ClientRepresentation();
        rep.setSecret(secret);
        return rep;
    }

    @Test
    void refusesASecretSetByHandWithoutNamingIt() {
        ClientModel client = clientOnDigests("handed-out", null);
        ClientPolicyException refusal = assertThrows(ClientPolicyException.class,
                () -> executor(null).executeOnEvent(new AdminClientUpdateContext(withSecret("chosen-by-hand"), client, ADMIN)));
        assertTrue(refusal.getErrorDetail().startsWith(HandChanges.SECRET_NOT_SETTABLE + ": client "));
        assertFalse(refusal.getErrorDetail().contains("chosen-by-hand"));
        assertTrue(probe.rollbackOnly);
        assertTrue(works(client, "handed-out"));
    }

    @Test
    void refusesToMoveAClientOffDigestsWhichWouldPutASecretInClear() {
        ClientModel client = clientOnDigests("handed-out", null);
        ClientRepresentation rep = new ClientRepresentation();
        rep.setClientAuthenticatorType("client-secret");
        ClientPolicyException refusal = assertThrows(ClientPolicyException.class,
                () -> executor(null).executeOnEvent(new AdminClientUpdateContext(rep, client, ADMIN)));
        assertTrue(refusal.getErrorDetail().startsWith(HandChanges.AUTHENTICATOR_FIXED + ": client "));
        assertTrue(probe.rollbackOnly);
    }

    @Test
    void letsAnUpdateKeepTheDigestAuthenticator() throws ClientPolicyException {
        ClientModel client = clientOnDigests("handed-out", null);
        ClientRepresentation rep = new ClientRepresentation();
        rep.setClientAuthenticatorType(DIGESTS);
        executor(null).executeOnEvent(new AdminClientUpdateContext(rep, client, ADMIN));
        assertFalse(probe.rollbackOnly);
    }

    @Test
    void letsAnUpdateSendBackTheEmptySecretFieldItRead() throws ClientPolicyException {
        ClientModel client = clientOnDigests("handed-out", null);
        executor(null).executeOnEvent(new AdminClientUpdateContext(withSecret(""), client, ADMIN));
        executor(null).executeOnEvent(new AdminClientUpdateContext(withSecret(null), client, ADMIN));
        assertFalse(probe.rollbackOnly);
    }

    @Test
    void letsAClientWithASecretInClearHaveItsSecretSetAsKeycloakDoes() throws ClientPolicyException {
        ClientModel client = clientInClear("in-clear", null);
        executor(null).executeOnEvent(new AdminClientUpdateContext(withSecret("chosen-by-hand"), client, ADMIN));
        assertFalse(probe.rollbackOnly);
    }

    @Test
    void leavesASecretInClearAloneOnAnUpdate() throws ClientPolicyException {
        ClientModel client = clientInClear("in-clear", null);
        executor(null).executeOnEvent(new AdminClientUpdatedContext(new ClientRepresentation(), client, ADMIN));
        assertEquals("in-clear", client.getSecret());
        assertEquals("client-secret", client.getClientAuthenticatorType());
    }

    @Test
    void takesTheGracePeriodFromTheProfileOrElseTheSharedDefault() {
        SecretGenerationExecutor.Configuration configuration = new SecretGenerationExecutor.Configuration();
        assertEquals(SharedLimits.SECRET_GRACE_SECONDS_DEFAULT, configuration.graceSecondsOrDefault());
        configuration.setGraceSeconds("5");
        assertTrue(configuration.validateConfig());
        assertEquals(5, configuration.graceSecondsOrDefault());
        configuration.setGraceSeconds("a day");
        assertFalse(configuration.validateConfig());
    }
}
