package focus.apiaccess.keycloak.secret;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.HttpHeaders;

import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSecretConstants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.context.ClientSecretRotationContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import static focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory.CREDENTIALS_REQUEST_ATTRIBUTE;
import static focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory.CREDENTIALS_UNDELIVERED_ATTRIBUTE;

/**
 * Decides, inside the transaction that makes it, about each new secret of an API client
 * ({@code POST .../client-secret}), so that nothing rests on a write made afterwards:
 * <ul>
 * <li>While the realm's admin events include representations, the generation is refused: Keycloak would copy the
 * new secret into the admin event.</li>
 * <li>A request carrying the {@value #REQUEST_KEY_HEADER} that made the current secret is refused: a repeated
 * request never rotates twice, so the vendor's working secret keeps its grace period.</li>
 * <li>A secret nobody was ever shown ends at once when it is replaced, and the previous secret keeps the grace period
 * it had: as if it had never been made. That is a secret whose answer was lost (the provisioner then names its request
 * in {@value SecretGenerationExecutorFactory#CREDENTIALS_UNDELIVERED_ATTRIBUTE}), so that a vendor's working secret
 * survives a lost answer and the generation after it; and, for a generation that carries a request key (the
 * provisioner's), the secret Keycloak made at creation, which the provisioner never shows. A realm administrator who
 * regenerates in the admin console may have handed that one out: it gets its grace period.</li>
 * <li>{@value SecretGenerationExecutorFactory#CREDENTIALS_REQUEST_ATTRIBUTE} records which request made the current
 * secret: {@value #AT_CREATION} at creation, the request key after a generation that carried one, nothing
 * otherwise (a secret of unknown origin, which gets its grace period like any other).</li>
 * </ul>
 * List it after {@code secret-rotation} in the profile: it ends the rotated secret that executor keeps.
 */
public class SecretGenerationExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    public static final String REQUEST_KEY_HEADER = "Idempotency-Key";
    public static final String AT_CREATION = "creation";

    /** Keycloak's record of the previous secret (ClientSecretConstants): what a never-shown secret must not displace. */
    private static final List<String> ROTATED = List.of(ClientSecretConstants.CLIENT_ROTATED_SECRET,
            ClientSecretConstants.CLIENT_ROTATED_SECRET_CREATION_TIME, ClientSecretConstants.CLIENT_ROTATED_SECRET_EXPIRATION_TIME);

    /** Leading words of the refusal descriptions: stable, for people and programs reading them. */
    public static final String ALREADY_GENERATED = "credentials_already_generated";
    public static final String ADMIN_EVENTS_WITH_REPRESENTATION = "admin_events_include_representation";
    public static final String REQUEST_KEY_INVALID = "request_key_invalid";

    static final Pattern REQUEST_KEY = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    /**
     * Keycloak's record of the previous secret as stored before this request. By the time this executor runs,
     * secret-rotation has overwritten it on the client and in the event's representation alike.
     */
    @FunctionalInterface
    interface StoredRotation {
        Map<String, String> of(ClientModel client);
    }

    private final KeycloakSession session;
    private final StoredRotation storedRotation;

    public SecretGenerationExecutor(KeycloakSession session) {
        this(session, client -> storedRotation(session, client));
    }

    SecretGenerationExecutor(KeycloakSession session, StoredRotation storedRotation) {
        this.session = session;
        this.storedRotation = storedRotation;
    }

    /** Read in a transaction of its own: it sees what is stored, not this request's changes. */
    private static Map<String, String> storedRotation(KeycloakSession session, ClientModel client) {
        String realmId = client.getRealm().getId();
        String clientId = client.getId();
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), other -> {
            RealmModel realm = other.realms().getRealm(realmId);
            ClientModel stored = realm == null ? null : other.clients().getClientById(realm, clientId);
            Map<String, String> rotation = new HashMap<>();
            for (String attribute : ROTATED) {
                String value = stored == null ? null : stored.getAttribute(attribute);
                if (value != null) rotation.put(attribute, value);
            }
            return rotation;
        });
    }

    @Override
    public String getProviderId() {
        return SecretGenerationExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            case REGISTERED -> {
                if (context instanceof ClientCRUDContext crud && crud.getTargetClient() != null) {
                    crud.getTargetClient().setAttribute(CREDENTIALS_REQUEST_ATTRIBUTE, AT_CREATION);
                }
            }
            case UPDATED -> {
                if (context instanceof ClientSecretRotationContext rotation && rotation.getTargetClient() != null) {
                    onNewSecret(rotation.getTargetClient());
                }
            }
            default -> {
            }
        }
    }

    private void onNewSecret(ClientModel client) throws ClientPolicyException {
        RealmModel realm = client.getRealm();
        if (realm.isAdminEventsEnabled() && realm.isAdminEventsDetailsEnabled()) {
            throw refusal(OAuthErrorException.INVALID_REQUEST, ADMIN_EVENTS_WITH_REPRESENTATION + ": realm " + realm.getName()
                    + " saves admin events with their representation, which would copy the new secret into the event; "
                    + "switch off \"Include representation\" for admin events, then generate again");
        }
        String key = requestKey();
        String previous = client.getAttribute(CREDENTIALS_REQUEST_ATTRIBUTE);
        if (key != null && key.equals(previous)) {
            throw refusal(OAuthErrorException.INVALID_REQUEST, ALREADY_GENERATED + ": the current secret of client "
                    + client.getClientId() + " was made by this request already; it is not generated again");
        }
        boolean atCreation = key != null && AT_CREATION.equals(previous);
        if (atCreation || (previous != null && previous.equals(client.getAttribute(CREDENTIALS_UNDELIVERED_ATTRIBUTE)))) {
            // secret-rotation has just moved the replaced secret aside: put back what was aside before (nothing, when
            // the replaced secret is the one made at creation).
            Map<String, String> before = atCreation ? Map.of() : storedRotation.of(client);
            for (String attribute : ROTATED) {
                String value = before.get(attribute);
                if (value == null) client.removeAttribute(attribute);
                else client.setAttribute(attribute, value);
            }
        }
        client.removeAttribute(CREDENTIALS_UNDELIVERED_ATTRIBUTE);
        if (key == null) client.removeAttribute(CREDENTIALS_REQUEST_ATTRIBUTE);
        else client.setAttribute(CREDENTIALS_REQUEST_ATTRIBUTE, key);
    }

    private String requestKey() throws ClientPolicyException {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        String key = headers == null ? null : headers.getHeaderString(REQUEST_KEY_HEADER);
        if (key == null) return null;
        if (!REQUEST_KEY.matcher(key).matches()) {
            throw refusal(OAuthErrorException.INVALID_REQUEST, REQUEST_KEY_INVALID + ": the " + REQUEST_KEY_HEADER
                    + " header must be 16 to 128 characters of A-Z, a-z, 0-9, - and _");
        }
        return key;
    }

    /** The new secret is already set on the client when this runs: the refusal must leave nothing behind. */
    private ClientPolicyException refusal(String error, String description) {
        session.getTransactionManager().setRollbackOnly();
        return new ClientPolicyException(error, description);
    }
}
