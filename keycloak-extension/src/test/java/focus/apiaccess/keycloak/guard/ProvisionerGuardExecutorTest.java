package focus.apiaccess.keycloak.guard;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.AdminClientRegisterContext;
import org.keycloak.services.clientpolicy.context.AdminClientRegisteredContext;
import org.keycloak.services.clientpolicy.context.AdminClientUnregisterContext;
import org.keycloak.services.clientpolicy.context.AdminClientUpdateContext;
import org.keycloak.services.clientpolicy.context.AdminClientUpdatedContext;
import org.keycloak.services.clientpolicy.context.AdminClientViewContext;
import org.keycloak.services.clientpolicy.context.ClientSecretRotationContext;
import org.keycloak.services.resources.admin.AdminAuth;

import focus.apiaccess.keycloak.Fakes;
import focus.apiaccess.keycloak.Fakes.SessionProbe;
import focus.apiaccess.keycloak.secret.SecretDigestAuthenticatorFactory;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvisionerGuardExecutorTest {

    private final SessionProbe probe = new SessionProbe();
    private final ProvisionerGuardExecutor executor = new ProvisionerGuardExecutor(Fakes.session(Map.of(), probe));
    private final AdminAuth provisioner = new AdminAuth(null, null, null, null);
    private final ClientModel managed = Fakes.client(Map.of("focus.api-client", "true"));
    private final ClientModel plain = Fakes.client(Map.of());

    private static ClientRepresentation withAttributes(Map<String, String> attributes) {
        ClientRepresentation rep = new ClientRepresentation();
        rep.setAttributes(new HashMap<>(attributes));
        return rep;
    }

    private void assertRefused(ClientPolicyContext context, String word) {
        ClientPolicyException refusal = assertThrows(ClientPolicyException.class, () -> executor.executeOnEvent(context));
        assertEquals(OAuthErrorException.ACCESS_DENIED, refusal.getError());
        assertTrue(refusal.getErrorDetail().startsWith(word + ": "), refusal.getErrorDetail());
        assertTrue(probe.rollbackOnly, "a refusal must roll the request's changes back");
    }

    private void assertAllowed(ClientPolicyContext context) {
        assertDoesNotThrow(() -> executor.executeOnEvent(context));
        assertFalse(probe.rollbackOnly);
    }

    @Test
    void readsChangesRegeneratesAndDeletesOnlyManagedClients() {
        ClientRepresentation harmless = withAttributes(Map.of("focus.ip-ranges", "10.0.0.0/8"));
        assertAllowed(new AdminClientViewContext(managed, provisioner));
        assertAllowed(new AdminClientUpdateContext(harmless, managed, provisioner));
        assertAllowed(new ClientSecretRotationContext(new ClientRepresentation(), managed, "old", provisioner));
        assertAllowed(new AdminClientUnregisterContext(managed, provisioner));
    }

    @Test
    void refusesToReadAClientWithoutTheMarker() {
        assertRefused(new AdminClientViewContext(plain, provisioner), GuardRules.NOT_MANAGED);
    }

    @Test
    void refusesToChangeAClientWithoutTheMarkerEvenWhenTheChangeWouldAddIt() {
        assertRefused(new AdminClientUpdateContext(withAttributes(Map.of("focus.api-client", "true")), plain, provisioner),
                GuardRules.NOT_MANAGED);
    }

    @Test
    void refusesToRegenerateTheSecretOfAClientWithoutTheMarkerAndRollsTheNewSecretBack() {
        assertRefused(new ClientSecretRotationContext(new ClientRepresentation(), plain, "old", provisioner), GuardRules.NOT_MANAGED);
    }

    @Test
    void refusesToDeleteAClientWithoutTheMarker() {
        assertRefused(new AdminClientUnregisterContext(plain, provisioner), GuardRules.NOT_MANAGED);
    }

    @Test
    void refusesToRemoveTheMarkerOrWriteKeycloaksSecretAttributes() {
        assertRefused(new AdminClientUpdateContext(withAttributes(Map.of("focus.api-client", "")), managed, provisioner),
                GuardRules.MARKER_PROTECTED);
        probe.rollbackOnly = false;
        assertRefused(new AdminClientUpdateContext(withAttributes(Map.of("client.secret.rotated", "x")), managed, provisioner),
                GuardRules.ATTRIBUTE_PROTECTED);
    }

    @Test
    void refusesToWriteTheDigestsOrToSwitchAuthenticators() {
        assertRefused(new AdminClientUpdateContext(withAttributes(Map.of("focus.secret.digest", "hmac-sha256:x:y")), managed, provisioner),
                GuardRules.ATTRIBUTE_PROTECTED);
        probe.rollbackOnly = false;
        ClientRepresentation backToClear = withAttributes(Map.of());
        backToClear.setClientAuthenticatorType("client-secret");
        ClientModel onDigests = Fakes.client(Map.of("focus.api-client", "true"));
        onDigests.setClientAuthenticatorType(SecretDigestAuthenticatorFactory.PROVIDER_ID);
        assertRefused(new AdminClientUpdateContext(backToClear, onDigests, provisioner), GuardRules.AUTHENTICATOR_PROTECTED);
    }

    /** A new client as the provisioner sends it: the marker, and the digest authenticator. */
    private static ClientRepresentation newApiClient(String authenticator) {
        ClientRepresentation rep = withAttributes(Map.of("focus.api-client", "true"));
        rep.setClientAuthenticatorType(authenticator);
        return rep;
    }

    @Test
    void createsOnlyManagedClientsThatKeepNoSecretInClear() {
        assertAllowed(new AdminClientRegisterContext(newApiClient(SecretDigestAuthenticatorFactory.PROVIDER_ID), provisioner));
        assertRefused(new AdminClientRegisterContext(withAttributes(Map.of()), provisioner), GuardRules.MARKER_PROTECTED);
        probe.rollbackOnly = false;
        assertRefused(new AdminClientRegisterContext(newApiClient("client-secret"), provisioner), GuardRules.AUTHENTICATOR_PROTECTED);
    }

    @Test
    void leavesTheEventsAfterAChangeAlone() {
        // Judged before the change (UPDATE, REGISTER); an ordinary UPDATED or REGISTERED has nothing left to decide.
        assertAllowed(new AdminClientUpdatedContext(new ClientRepresentation(), plain, provisioner));
        assertAllowed(new AdminClientRegisteredContext(plain, provisioner));
    }
}
