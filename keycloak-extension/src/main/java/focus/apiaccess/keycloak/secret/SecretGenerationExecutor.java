package focus.apiaccess.keycloak.secret;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.HttpHeaders;

import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSecretConstants;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.context.ClientSecretRotationContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import com.fasterxml.jackson.annotation.JsonProperty;

import focus.apiaccess.keycloak.SharedLimits;
import focus.apiaccess.keycloak.guard.ActingProvisionerCondition;
import focus.apiaccess.keycloak.guard.ActingProvisionerConditionFactory;

import static focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory.CREDENTIALS_GENERATED_AT_ATTRIBUTE;
import static focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory.CREDENTIALS_GENERATED_BY_ATTRIBUTE;
import static focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory.CREDENTIALS_REQUEST_ATTRIBUTE;
import static focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory.CREDENTIALS_UNDELIVERED_ATTRIBUTE;
import static focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory.END_PREVIOUS_ATTRIBUTE;

/**
 * Keeps an API client's secrets as digests, inside the transaction that makes or changes them, so that nothing rests
 * on a write made afterwards and Keycloak never stores a secret in clear:
 * <ul>
 * <li>A new secret ({@code POST .../client-secret}: Keycloak generates it, returns it once, and reports an UPDATED event
 * after setting it on the client) becomes its digest ({@link StoredSecrets#DIGEST}); Keycloak's secret field is
 * emptied and the client moves to the {@value SecretDigestAuthenticatorFactory#PROVIDER_ID} authenticator (a client
 * that still had a secret in clear moves over here). The replaced secret becomes the previous one, working for the
 * grace period ({@code grace-seconds}) but never past its own expiry: at most two secrets work at any time. A
 * {@value #LIFETIME_HEADER_NAME} header gives the new secret an expiry, in whole days.</li>
 * <li>While the realm's admin events include representations, a generation is refused: Keycloak would copy the new
 * secret into the admin event.</li>
 * <li>A request carrying the {@value #REQUEST_KEY_HEADER} that made the current secret is refused: a repeated request
 * never rotates twice, so the vendor's working secret keeps its grace period.</li>
 * <li>A secret nobody was ever shown ends at once when it is replaced, and the previous secret keeps the grace period
 * it had: as if it had never been made. That is a secret whose answer was lost (the provisioner then names its
 * request in {@value SecretGenerationExecutorFactory#CREDENTIALS_UNDELIVERED_ATTRIBUTE}); and, for a generation that
 * carries a request key (the provisioner's), the secret Keycloak made at creation. A realm administrator who
 * regenerates in the admin console may have handed the replaced secret out: it gets its grace period.</li>
 * <li>{@value SecretGenerationExecutorFactory#CREDENTIALS_REQUEST_ATTRIBUTE} records which request made the current
 * secret: {@value #AT_CREATION} at creation on digests, the request key after a generation that carried one, nothing otherwise.</li>
 * <li>An update that would stop the vendor's secret or put another in its place without a generation is refused,
 * whoever sends it ({@link HandChanges}).</li>
 * <li>Any other change of a client on digests empties Keycloak's secret field again (Keycloak fills an empty one on
 * every update), and {@value SecretGenerationExecutorFactory#END_PREVIOUS_ATTRIBUTE} on it ends the previous secret's
 * grace period at once; the request itself is not kept.</li>
 * </ul>
 */
public class SecretGenerationExecutor implements ClientPolicyExecutorProvider<SecretGenerationExecutor.Configuration> {

    public static final String REQUEST_KEY_HEADER = "Idempotency-Key";
    public static final String LIFETIME_HEADER_NAME = "Focus-Secret-Lifetime-Days";
    public static final String AT_CREATION = "creation";

    /** Leading words of the refusal descriptions: stable, for people and programs reading them. */
    public static final String ALREADY_GENERATED = "credentials_already_generated";
    public static final String ADMIN_EVENTS_WITH_REPRESENTATION = "admin_events_include_representation";
    public static final String REQUEST_KEY_INVALID = "request_key_invalid";
    public static final String LIFETIME_INVALID = "secret_lifetime_invalid";
    public static final String GENERATED_IN_CONSOLE = "credentials_not_shown_in_console";

    static final Pattern REQUEST_KEY = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final long DAY_SECONDS = 86_400;
    private static final String CREATION_TIME = ClientSecretConstants.CLIENT_SECRET_CREATION_TIME;
    /** Session attribute (per client id): the secret's creation time before a change, see {@link #onChange}. */
    private static final String CREATION_TIME_BEFORE = "focus.secret-creation-time-before.";

    /** A creation time as it was, absent included. */
    private record Kept(String value) {
    }

    /** Keycloak's own record of a previous secret and of expiries (its secret-rotation feature): in clear, so never kept. */
    private static final List<String> KEYCLOAK_ROTATION = List.of(ClientSecretConstants.CLIENT_ROTATED_SECRET,
            ClientSecretConstants.CLIENT_ROTATED_SECRET_CREATION_TIME, ClientSecretConstants.CLIENT_ROTATED_SECRET_EXPIRATION_TIME,
            ClientSecretConstants.CLIENT_SECRET_EXPIRATION, ClientSecretConstants.CLIENT_SECRET_REMAINING_EXPIRATION_TIME);

    /** The profile's settings of this executor. */
    public static class Configuration extends ClientPolicyExecutorConfigurationRepresentation {

        /** How long a replaced secret keeps working, in seconds; the realm file fills it from FOCUS_SECRET_GRACE_SECONDS. */
        @JsonProperty("grace-seconds")
        private String graceSeconds;

        public String getGraceSeconds() {
            return graceSeconds;
        }

        public void setGraceSeconds(String graceSeconds) {
            this.graceSeconds = graceSeconds;
        }

        long graceSecondsOrDefault() {
            return graceSeconds == null ? SharedLimits.SECRET_GRACE_SECONDS_DEFAULT : Long.parseLong(graceSeconds);
        }

        @Override
        public boolean validateConfig() {
            return graceSeconds == null || WHOLE_NUMBER.matcher(graceSeconds).matches();
        }
    }

    private final KeycloakSession session;
    private Configuration configuration = new Configuration();

    public SecretGenerationExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Class<Configuration> getExecutorConfigurationClass() {
        return Configuration.class;
    }

    @Override
    public void setupConfiguration(Configuration config) {
        configuration = config != null && config.validateConfig() ? config : new Configuration();
    }

    @Override
    public String getProviderId() {
        return SecretGenerationExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        if (!(context instanceof ClientCRUDContext crud) || crud.getTargetClient() == null) return;
        ClientModel client = crud.getTargetClient();
        switch (context.getEvent()) {
            case REGISTERED -> {
                // Made on digests (the provisioner's way), its first secret was never shown to anyone. One made with a
                // secret in clear (a realm administrator's kcadm.sh) was: the first generation gives it the grace period.
                if (onDigests(client)) {
                    client.setAttribute(CREDENTIALS_REQUEST_ATTRIBUTE, AT_CREATION);
                    client.setSecret(null);
                }
            }
            case UPDATE -> {
                if (!onDigests(client)) return;
                boolean byProvisioner = ActingProvisionerCondition.isServiceAccountOf(crud.getAuthenticatedUser(), client.getRealm(),
                        ActingProvisionerConditionFactory.DEFAULT_CLIENT_ID);
                String refused = HandChanges.verdict(client, crud.getProposedClientRepresentation(), byProvisioner);
                if (refused != null) throw refusal(refused);
                // Kept for onChange: Keycloak stamps a new creation time on the secret it puts in an empty field.
                session.setAttribute(CREATION_TIME_BEFORE + client.getId(), new Kept(client.getAttribute(CREATION_TIME)));
            }
            case UPDATED -> {
                if (context instanceof ClientSecretRotationContext rotation) onNewSecret(client, rotation.getCurrentSecret(), crud);
                else onChange(client);
            }
            default -> {
            }
        }
    }

    private static boolean onDigests(ClientModel client) {
        return SecretDigestAuthenticatorFactory.PROVIDER_ID.equals(client.getClientAuthenticatorType());
    }

    /**
     * @param replacedSecret the secret in Keycloak's field before this generation (none for a client on digests)
     * @param request        who asked for it, and through which client
     */
    private void onNewSecret(ClientModel client, String replacedSecret, ClientCRUDContext request) throws ClientPolicyException {
        RealmModel realm = client.getRealm();
        if (realm.isAdminEventsEnabled() && realm.isAdminEventsDetailsEnabled()) {
            throw refusal(ADMIN_EVENTS_WITH_REPRESENTATION + ": realm " + realm.getName()
                    + " saves admin events with their representation, which would copy the new secret into the event; "
                    + "switch off \"Include representation\" for admin events, then generate again");
        }
        String key = requestKey();
        ClientModel through = request.getAuthenticatedClient();
        // Every generation leaves the client on digests, a client still on a secret in clear too.
        if (key == null && through != null && Constants.ADMIN_CONSOLE_CLIENT_ID.equals(through.getClientId())) {
            throw refusal(GENERATED_IN_CONSOLE + ": Keycloak's admin console reads a new secret back instead of showing the "
                    + "answer that carries it, and Keycloak keeps only a digest of the secret of client " + client.getClientId()
                    + ", so nobody would ever see it; generate credentials on the API Toegang page, with the provisioner's "
                    + "CLI or with POST .../client-secret (kcadm.sh), whose answer shows the secret once");
        }
        String previousKey = client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE);
        if (key != null && key.equals(previousKey)) {
            throw refusal(ALREADY_GENERATED + ": the current secret of client " + client.getClientId()
                    + " was made by this request already; it is not generated again");
        }
        Long lifetimeDays = lifetimeDays();
        long now = Time.currentTime();
        boolean neverShown = (key != null && AT_CREATION.equals(previousKey))
                || (previousKey != null && previousKey.equals(client.getAttribute(CREDENTIALS_UNDELIVERED_ATTRIBUTE)));

        StoredSecrets before = StoredSecrets.of(client);
        if (!neverShown) {
            String replaced = onDigests(client) ? before.digest() : replacedSecret == null ? null : SecretDigest.of(replacedSecret).stored();
            Long until = Rotation.previousValidUntil(now, configuration.graceSecondsOrDefault(), StoredSecrets.seconds(before.expiresAt()));
            if (replaced != null && until != null) {
                client.setAttribute(StoredSecrets.PREVIOUS_DIGEST, replaced);
                client.setAttribute(StoredSecrets.PREVIOUS_VALID_UNTIL, String.valueOf(until));
            } else {
                endPrevious(client);
            }
        } else if (!onDigests(client)) {
            // A client still on a secret in clear has no digest of a previous secret to keep.
            endPrevious(client);
        }

        client.setAttribute(StoredSecrets.DIGEST, SecretDigest.of(client.getSecret()).stored());
        if (lifetimeDays == null) client.removeAttribute(StoredSecrets.EXPIRES_AT);
        else client.setAttribute(StoredSecrets.EXPIRES_AT, String.valueOf(now + lifetimeDays * DAY_SECONDS));
        client.setSecret(null);
        client.setClientAuthenticatorType(SecretDigestAuthenticatorFactory.PROVIDER_ID);
        for (String attribute : KEYCLOAK_ROTATION) client.removeAttribute(attribute);
        client.removeAttribute(END_PREVIOUS_ATTRIBUTE);
        client.removeAttribute(CREDENTIALS_UNDELIVERED_ATTRIBUTE);
        if (key == null) {
            client.removeAttribute(CREDENTIALS_REQUEST_ATTRIBUTE);
            recordWhoAndWhen(client, request.getAuthenticatedUser());
        } else {
            client.setAttribute(CREDENTIALS_REQUEST_ATTRIBUTE, key);
        }
    }

    /**
     * Any other change: Keycloak puts a secret in an empty field on every update, with the time it made it as the
     * secret's creation time, and a request may end the grace period. The field is emptied again and the creation time
     * put back: the secret in use (its digest) is as old as before the change, which Keycloak's admin API shows and
     * audits of secret ages read.
     */
    private void onChange(ClientModel client) {
        if (onDigests(client) && client.getSecret() != null) {
            client.setSecret(null);
            if (session.getAttribute(CREATION_TIME_BEFORE + client.getId()) instanceof Kept kept) {
                if (kept.value() == null) client.removeAttribute(CREATION_TIME);
                else client.setAttribute(CREATION_TIME, kept.value());
            }
        }
        session.removeAttribute(CREATION_TIME_BEFORE + client.getId());
        if (client.getAttribute(END_PREVIOUS_ATTRIBUTE) != null) {
            endPrevious(client);
            client.removeAttribute(END_PREVIOUS_ATTRIBUTE);
        }
    }

    /**
     * A generation without a request key comes from Keycloak's admin API (kcadm.sh, a script), whose answer shows the
     * secret: who made it and when are recorded here, as the provisioner records them for its own generations once it
     * delivered the secret. Otherwise the page would say the client has no credentials while a secret works.
     */
    private static void recordWhoAndWhen(ClientModel client, UserModel caller) {
        if (caller == null) return;
        client.setAttribute(CREDENTIALS_GENERATED_BY_ATTRIBUTE, caller.getUsername());
        client.setAttribute(CREDENTIALS_GENERATED_AT_ATTRIBUTE, Instant.ofEpochMilli(Time.currentTimeMillis()).toString());
    }

    /** Only the current secret works afterwards (Keycloak's own record of a previous secret goes too). */
    private static void endPrevious(ClientModel client) {
        client.removeAttribute(StoredSecrets.PREVIOUS_DIGEST);
        client.removeAttribute(StoredSecrets.PREVIOUS_VALID_UNTIL);
        for (String attribute : KEYCLOAK_ROTATION.subList(0, 3)) client.removeAttribute(attribute);
    }

    private String header(String name) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        return headers == null ? null : headers.getHeaderString(name);
    }

    private String requestKey() throws ClientPolicyException {
        String key = header(REQUEST_KEY_HEADER);
        if (key == null) return null;
        if (!REQUEST_KEY.matcher(key).matches()) {
            throw refusal(REQUEST_KEY_INVALID + ": the " + REQUEST_KEY_HEADER
                    + " header must be 16 to 128 characters of A-Z, a-z, 0-9, - and _");
        }
        return key;
    }

    private Long lifetimeDays() throws ClientPolicyException {
        String value = header(LIFETIME_HEADER_NAME);
        if (value == null) return null;
        long max = SharedLimits.SECRET_LIFETIME_MAX_DAYS;
        if (!WHOLE_NUMBER.matcher(value).matches() || Long.parseLong(value) < 1 || Long.parseLong(value) > max) {
            throw refusal(LIFETIME_INVALID + ": the " + LIFETIME_HEADER_NAME + " header must be a whole number of days from 1 to " + max);
        }
        return Long.parseLong(value);
    }

    /** The new secret is already set on the client when this runs: the refusal must leave nothing behind. */
    private ClientPolicyException refusal(String description) {
        session.getTransactionManager().setRollbackOnly();
        return new ClientPolicyException(OAuthErrorException.INVALID_REQUEST, description);
    }
}
