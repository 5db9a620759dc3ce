package focus.apiaccess.keycloak.activity;

import org.keycloak.events.Errors;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import focus.apiaccess.keycloak.iprange.InvalidIpRangeException;
import focus.apiaccess.keycloak.iprange.IpAddress;

/**
 * Hands the token events of managed API clients to this node's {@link ActivityRecorder} (an {@link ActivitySink}): a token issued
 * ({@code CLIENT_LOGIN}) is a use, a refusal ({@code CLIENT_LOGIN_ERROR}, or any other endpoint's error event that the
 * digest authenticator caused) a refusal with its reason. Events of other
 * clients, and refusals naming a Client ID the realm does not know, are ignored. Nothing here touches the database:
 * the realm needs no stored event for it.
 */
final class ActivityListener implements EventListenerProvider {

    static final String MANAGED_ATTRIBUTE = "focus.api-client";
    static final String MANAGED_VALUE = "true";

    private final KeycloakSession session;
    private final ActivitySink recorder;

    ActivityListener(KeycloakSession session, ActivitySink recorder) {
        this.session = session;
        this.recorder = recorder;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() == EventType.CLIENT_LOGIN) {
            ClientModel client = managedClient(event);
            if (client != null) recorder.use(client.getId(), address(event));
        } else if (event.getType() == EventType.CLIENT_LOGIN_ERROR) {
            RefusalReason reason = RefusalReason.of(event.getError(), event.getDetails());
            if (reason == null) return;
            ClientModel client = managedClient(event);
            if (client != null) recorder.refusal(client.getId(), reason, address(event), event.getError());
        } else if (event.getType() != null && event.getType().name().endsWith("_ERROR")) {
            // Introspection, revocation, PAR, device, CIBA and the token endpoint's other grants: only what the digest
            // authenticator refused is a refusal of the client; their other errors (a bad token, say) are not. Keycloak
            // sends the refusal's own event with its error; an endpoint that words it again (PAR) sends a second event
            // with the same details and another error, which is not a second refusal.
            if (!Errors.INVALID_CLIENT_CREDENTIALS.equals(event.getError()) && !Errors.CLIENT_DISABLED.equals(event.getError())) return;
            RefusalReason reason = RefusalReason.ofClientAuthentication(event.getDetails());
            if (reason == null) return;
            ClientModel client = managedClient(event);
            if (client != null) recorder.refusal(client.getId(), reason, address(event), event.getError());
        }
    }

    private ClientModel managedClient(Event event) {
        String clientId = event.getClientId();
        if (clientId == null || event.getRealmId() == null) return null;
        ClientModel client = session.getContext().getClient();
        if (client == null || !clientId.equals(client.getClientId()) || !event.getRealmId().equals(client.getRealm().getId())) {
            RealmModel realm = session.realms().getRealm(event.getRealmId());
            client = realm == null ? null : session.clients().getClientByClientId(realm, clientId);
        }
        return client != null && MANAGED_VALUE.equals(client.getAttribute(MANAGED_ATTRIBUTE)) ? client : null;
    }

    /** The caller's address as the IP-range check reads it (IPv4-mapped addresses in dotted form). */
    static String address(Event event) {
        String raw = event.getIpAddress();
        if (raw == null || raw.isBlank()) return "unknown";
        try {
            return IpAddress.parseRemote(raw).toString();
        } catch (InvalidIpRangeException e) {
            return raw.strip();
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
