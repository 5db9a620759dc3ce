package focus.apiaccess.keycloak.activity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientProvider;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RealmProvider;

import static focus.apiaccess.keycloak.Fakes.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ActivityListenerTest {

    private final RealmModel realm = fake(RealmModel.class, Map.of("getId", "realm-id"));
    private final List<String> seen = new ArrayList<>();
    private final List<String> lookups = new ArrayList<>();

    private final ActivitySink sink = new ActivitySink() {
        @Override
        public void use(String clientUuid, String address) {
            seen.add("use " + clientUuid + " " + address);
        }

        @Override
        public void refusal(String clientUuid, RefusalReason reason, String address, String error) {
            seen.add("refusal " + clientUuid + " " + reason + " " + address + " " + error);
        }
    };

    private ClientModel client(String uuid, String clientId, boolean managed) {
        Map<String, String> attributes = managed ? Map.of("focus.api-client", "true") : Map.of();
        return fake(ClientModel.class, Map.of(
                "getId", uuid,
                "getClientId", clientId,
                "getRealm", realm,
                "getAttribute", (Function<Object[], Object>) args -> attributes.get((String) args[0])));
    }

    /** A session whose request context holds {@code contextClient}, in a realm holding {@code clients}. */
    private ActivityListener listener(ClientModel contextClient, ClientModel... clients) {
        Map<String, ClientModel> byClientId = new HashMap<>();
        for (ClientModel c : clients) byClientId.put(c.getClientId(), c);
        Map<String, Object> context = new HashMap<>();
        context.put("getClient", contextClient);
        RealmProvider realms = fake(RealmProvider.class, Map.of("getRealm", (Function<Object[], Object>) args -> realm));
        ClientProvider clientProvider = fake(ClientProvider.class, Map.of("getClientByClientId", (Function<Object[], Object>) args -> {
            lookups.add((String) args[1]);
            return byClientId.get((String) args[1]);
        }));
        KeycloakSession session = fake(KeycloakSession.class, Map.of(
                "getContext", fake(KeycloakContext.class, context), "realms", realms, "clients", clientProvider));
        return new ActivityListener(session, sink);
    }

    private static Event event(EventType type, String clientId, String address, String error, Map<String, String> details) {
        Event event = new Event();
        event.setType(type);
        event.setRealmId("realm-id");
        event.setClientId(clientId);
        event.setIpAddress(address);
        event.setError(error);
        event.setDetails(details);
        return event;
    }

    @Test
    void aTokenOfAManagedClientIsAUseFromTheCallersAddress() {
        ClientModel vendor = client("uuid-1", "api-vendor", true);
        listener(vendor).onEvent(event(EventType.CLIENT_LOGIN, "api-vendor", "::ffff:203.0.113.9", null, null));
        assertEquals(List.of("use uuid-1 203.0.113.9"), seen);
        assertEquals(List.of(), lookups, "the request's own client needs no lookup");
    }

    @Test
    void refusalsOfManagedClientsCarryTheirReason() {
        ClientModel vendor = client("uuid-1", "api-vendor", true);
        ActivityListener listener = listener(null, vendor);
        listener.onEvent(event(EventType.CLIENT_LOGIN_ERROR, "api-vendor", "203.0.113.9", "invalid_client_credentials", null));
        listener.onEvent(event(EventType.CLIENT_LOGIN_ERROR, "api-vendor", "203.0.113.10", "unauthorized_client",
                Map.of("client_policy_error_detail", "ip_not_allowed: 203.0.113.10 is not in the IP ranges allowed for this client")));
        assertEquals(List.of(
                "refusal uuid-1 BAD_SECRET 203.0.113.9 invalid_client_credentials",
                "refusal uuid-1 IP_NOT_ALLOWED 203.0.113.10 unauthorized_client"), seen);
    }

    @Test
    void theDigestAuthenticatorsRefusalsAtEveryEndpointAreRefusalsTheirOtherErrorsAreNot() {
        ClientModel vendor = client("uuid-1", "api-vendor", true);
        ActivityListener listener = listener(vendor);
        Map<String, String> outside = Map.of("reason", "ip_not_allowed: 203.0.113.9 is not in the IP ranges allowed for this client");
        listener.onEvent(event(EventType.INTROSPECT_TOKEN_ERROR, "api-vendor", "203.0.113.9", "invalid_client_credentials", outside));
        listener.onEvent(event(EventType.REVOKE_GRANT_ERROR, "api-vendor", "203.0.113.9", "invalid_client_credentials",
                Map.of("reason", "invalid_secret: the secret does not match")));
        listener.onEvent(event(EventType.PUSHED_AUTHORIZATION_REQUEST_ERROR, "api-vendor", "203.0.113.9", "invalid_client_credentials", outside));
        listener.onEvent(event(EventType.OAUTH2_DEVICE_AUTH_ERROR, "api-vendor", "203.0.113.9", "client_disabled",
                Map.of("reason", "disabled: the client is disabled")));
        listener.onEvent(event(EventType.LOGIN_ERROR, "api-vendor", "203.0.113.9", "invalid_client_credentials", outside));
        // PAR words the refusal again in an event of its own, with the same details: not a second refusal.
        listener.onEvent(event(EventType.PUSHED_AUTHORIZATION_REQUEST_ERROR, "api-vendor", "203.0.113.9", "invalid_request", outside));
        // After the client authenticated, an endpoint's own error is not a refusal of the client.
        listener.onEvent(event(EventType.INTROSPECT_TOKEN_ERROR, "api-vendor", "203.0.113.9", "invalid_token", Map.of("reason", "Token is invalid")));
        listener.onEvent(event(EventType.INTROSPECT_TOKEN_ERROR, "api-vendor", "203.0.113.9", "invalid_request", null));
        assertEquals(List.of(
                "refusal uuid-1 IP_NOT_ALLOWED 203.0.113.9 invalid_client_credentials",
                "refusal uuid-1 BAD_SECRET 203.0.113.9 invalid_client_credentials",
                "refusal uuid-1 IP_NOT_ALLOWED 203.0.113.9 invalid_client_credentials",
                "refusal uuid-1 DISABLED 203.0.113.9 client_disabled",
                "refusal uuid-1 IP_NOT_ALLOWED 203.0.113.9 invalid_client_credentials"), seen);
    }

    @Test
    void otherClientsAndUnknownClientIdsLeaveNoTrace() {
        ClientModel other = client("uuid-2", "admin-cli", false);
        ActivityListener listener = listener(null, other);
        listener.onEvent(event(EventType.CLIENT_LOGIN, "admin-cli", "203.0.113.9", null, null));
        listener.onEvent(event(EventType.CLIENT_LOGIN_ERROR, "admin-cli", "203.0.113.9", "invalid_client_credentials", null));
        listener.onEvent(event(EventType.CLIENT_LOGIN_ERROR, "made-up-1", "203.0.113.9", "invalid_client_credentials", null));
        listener.onEvent(event(EventType.CLIENT_LOGIN_ERROR, "made-up-2", "203.0.113.9", "client_not_found", null));
        listener.onEvent(event(EventType.LOGIN, "api-vendor", "203.0.113.9", null, null));
        assertEquals(List.of(), seen);
        assertEquals(List.of("admin-cli", "admin-cli", "made-up-1"), lookups, "client_not_found needs no lookup");
    }
}
