package focus.apiaccess.keycloak.iprange;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.protocol.oidc.utils.OIDCResponseType;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.AdminClientRegisterContext;
import org.keycloak.services.clientpolicy.context.AdminClientRegisteredContext;
import org.keycloak.services.clientpolicy.context.AdminClientUpdateContext;
import org.keycloak.services.clientpolicy.context.AdminClientUpdatedContext;
import org.keycloak.services.clientpolicy.context.AuthorizationRequestContext;
import org.keycloak.services.clientpolicy.context.ClientModelContext;
import org.keycloak.services.clientpolicy.context.ClientSecretRotationContext;
import org.keycloak.sessions.AuthenticationSessionModel;

import focus.apiaccess.keycloak.Fakes;
import focus.apiaccess.keycloak.Fakes.SessionProbe;

import static focus.apiaccess.keycloak.iprange.IpRangeExecutorFactory.IP_RANGES_ATTRIBUTE;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpRangeExecutorTest {

    /** Written out here, not taken from EventCoverage, so that a change there has to be made twice. */
    private static final Set<ClientPolicyEvent> TOKEN_EVENTS = EnumSet.of(
            ClientPolicyEvent.SERVICE_ACCOUNT_TOKEN_REQUEST,
            ClientPolicyEvent.TOKEN_REQUEST,
            ClientPolicyEvent.TOKEN_REFRESH,
            ClientPolicyEvent.RESOURCE_OWNER_PASSWORD_CREDENTIALS_REQUEST,
            ClientPolicyEvent.TOKEN_EXCHANGE_REQUEST,
            ClientPolicyEvent.DEVICE_TOKEN_REQUEST,
            ClientPolicyEvent.BACKCHANNEL_TOKEN_REQUEST,
            ClientPolicyEvent.JWT_AUTHORIZATION_GRANT,
            ClientPolicyEvent.IMPLICIT_HYBRID_TOKEN_RESPONSE);

    private static final Set<ClientPolicyEvent> CLIENT_CHANGE_EVENTS = EnumSet.of(
            ClientPolicyEvent.REGISTER, ClientPolicyEvent.REGISTERED, ClientPolicyEvent.UPDATE, ClientPolicyEvent.UPDATED,
            ClientPolicyEvent.AUTHORIZATION_REQUEST);

    private final IpRangeExecutorFactory factory = new IpRangeExecutorFactory();

    private IpRangeExecutor executor(String remote, ClientModel contextClient, SessionProbe probe) {
        return new IpRangeExecutor(Fakes.session(remote, contextClient, probe), factory);
    }

    private static ClientPolicyContext eventFor(ClientPolicyEvent event, ClientModel client) {
        return Fakes.fake(ClientModelContext.class, Map.of("getEvent", event, "getClient", client));
    }

    private static ClientPolicyContext eventWithoutClient(ClientPolicyEvent event) {
        return Fakes.fake(ClientPolicyContext.class, Map.of("getEvent", event));
    }

    @ParameterizedTest
    @EnumSource(ClientPolicyEvent.class)
    void refusesOutsideCallersOnEveryTokenEventAndOnNoOther(ClientPolicyEvent event) throws Exception {
        if (CLIENT_CHANGE_EVENTS.contains(event)) return;
        ClientModel client = Fakes.client(Map.of(IP_RANGES_ATTRIBUTE, "127.0.0.1/32"));
        IpRangeExecutor outside = executor("127.0.0.2", client, new SessionProbe());
        IpRangeExecutor inside = executor("127.0.0.1", client, new SessionProbe());
        for (ClientPolicyContext context : new ClientPolicyContext[] {eventFor(event, client), eventWithoutClient(event)}) {
            if (TOKEN_EVENTS.contains(event)) {
                ClientPolicyException refusal = assertThrows(ClientPolicyException.class, () -> outside.executeOnEvent(context));
                assertEquals(OAuthErrorException.UNAUTHORIZED_CLIENT, refusal.getError());
                assertEquals("ip_not_allowed: 127.0.0.2 is not in the IP ranges allowed for this client", refusal.getErrorDetail());
            } else {
                assertDoesNotThrow(() -> outside.executeOnEvent(context));
            }
            assertDoesNotThrow(() -> inside.executeOnEvent(context));
        }
    }

    @ParameterizedTest(name = "[{index}] ranges \"{0}\", caller {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # stored ranges        | caller            | refusal description, NULL when allowed
            NULL                   | 203.0.113.5       | NULL
            ''                     | 203.0.113.5       | NULL
            10.0.0.0/8, ::1        | 0:0:0:0:0:0:0:1   | NULL
            10.0.0.0/8, ::1        | ::ffff:10.1.1.1   | NULL
            10.0.0.0/8, ::1        | 203.0.113.5       | ip_not_allowed: 203.0.113.5 is not in the IP ranges allowed for this client
            10.0.0.0/8, 10.0.0.0/33| 10.1.1.1          | ip_ranges_invalid: the IP ranges configured for this client cannot be read, so 10.1.1.1 is refused
            10.0.0.0/8             | NULL              | ip_unknown: the caller's address (null) cannot be matched against this client's IP ranges
            """)
    void decidesClientCredentialsRequests(String stored, String caller, String description) {
        Map<String, String> attributes = new HashMap<>();
        if (stored != null) attributes.put(IP_RANGES_ATTRIBUTE, stored);
        ClientModel client = Fakes.client(attributes);
        ClientPolicyContext context = eventFor(ClientPolicyEvent.SERVICE_ACCOUNT_TOKEN_REQUEST, client);
        IpRangeExecutor executor = executor(caller, client, new SessionProbe());
        if (description == null) {
            assertDoesNotThrow(() -> executor.executeOnEvent(context));
        } else {
            ClientPolicyException refusal = assertThrows(ClientPolicyException.class, () -> executor.executeOnEvent(context));
            assertEquals(description, refusal.getErrorDetail());
        }
    }

    @Test
    void warnsOncePerClientAndValue() {
        assertTrue(factory.firstWarning("realm", "client", "bad"));
        assertFalse(factory.firstWarning("realm", "client", "bad"));
        assertTrue(factory.firstWarning("realm", "client", "worse"));
        assertTrue(factory.firstWarning("realm", "other-client", "bad"));
    }

    @ParameterizedTest(name = "[{index}] response_type={0} checked: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            code            | false
            token           | true
            id_token token  | true
            code id_token   | true
            """)
    void checksAuthorizationRequestsOnlyWhenTheyReturnTokens(String responseType, boolean checked) {
        ClientModel client = Fakes.client(Map.of(IP_RANGES_ATTRIBUTE, "127.0.0.1/32"));
        AuthenticationSessionModel authSession = Fakes.fake(AuthenticationSessionModel.class, Map.of("getClient", client));
        AuthorizationRequestContext context = new AuthorizationRequestContext(
                OIDCResponseType.parse(responseType), null, "https://vendor.example/cb", null, authSession);
        IpRangeExecutor outside = executor("127.0.0.2", client, new SessionProbe());
        if (checked) {
            assertThrows(ClientPolicyException.class, () -> outside.executeOnEvent(context));
        } else {
            assertDoesNotThrow(() -> outside.executeOnEvent(context));
        }
    }

    private static ClientRepresentation withRanges(String ranges) {
        ClientRepresentation representation = new ClientRepresentation();
        representation.setAttributes(new HashMap<>(Map.of(IP_RANGES_ATTRIBUTE, ranges)));
        return representation;
    }

    @Test
    void refusesAProposedClientWithABadRangeNamingTheEntry() {
        SessionProbe probe = new SessionProbe();
        ClientModel existing = Fakes.client(Map.of());
        IpRangeExecutor executor = executor("127.0.0.1", null, probe);
        for (ClientPolicyContext context : new ClientPolicyContext[] {
                new AdminClientRegisterContext(withRanges("10.0.0.0/8, 10.0.0.999"), null),
                new AdminClientUpdateContext(withRanges("10.0.0.0/8, 10.0.0.999"), existing, null)}) {
            ClientPolicyException refusal = assertThrows(ClientPolicyException.class, () -> executor.executeOnEvent(context));
            assertEquals(OAuthErrorException.INVALID_CLIENT_METADATA, refusal.getError());
            assertTrue(refusal.getErrorDetail().contains("\"10.0.0.999\""), refusal.getErrorDetail());
        }
        assertFalse(probe.rollbackOnly);
        assertDoesNotThrow(() -> executor.executeOnEvent(new AdminClientRegisterContext(withRanges("10.0.0.0/8"), null)));
        assertDoesNotThrow(() -> executor.executeOnEvent(new AdminClientUpdateContext(new ClientRepresentation(), existing, null)));
    }

    @Test
    void refusesAndRollsBackAStoredClientWithABadRange() {
        ClientModel stored = Fakes.client(Map.of(IP_RANGES_ATTRIBUTE, "2001:db8::/129"));
        for (ClientPolicyContext context : new ClientPolicyContext[] {
                new AdminClientRegisteredContext(stored, null),
                new AdminClientUpdatedContext(new ClientRepresentation(), stored, null)}) {
            SessionProbe probe = new SessionProbe();
            IpRangeExecutor executor = executor("127.0.0.1", null, probe);
            ClientPolicyException refusal = assertThrows(ClientPolicyException.class, () -> executor.executeOnEvent(context));
            assertTrue(refusal.getErrorDetail().contains("2001:db8::/129"), refusal.getErrorDetail());
            assertTrue(probe.rollbackOnly);
        }
    }

    @Test
    void letsASecretBeRegeneratedWhateverTheStoredRanges() {
        ClientModel stored = Fakes.client(Map.of(IP_RANGES_ATTRIBUTE, "not a range"));
        SessionProbe probe = new SessionProbe();
        ClientSecretRotationContext regeneration = new ClientSecretRotationContext(new ClientRepresentation(), stored, "old", null);
        assertDoesNotThrow(() -> executor("127.0.0.1", null, probe).executeOnEvent(regeneration));
        assertFalse(probe.rollbackOnly);
    }
}
