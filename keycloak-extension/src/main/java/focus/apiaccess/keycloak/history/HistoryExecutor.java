package focus.apiaccess.keycloak.history;

import java.util.Map;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.context.ClientSecretRotationContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.common.util.Time;
import org.keycloak.OAuthErrorException;

/**
 * Appends an API client's changes to its history ({@link HistoryStore}) inside the admin request that makes them, in
 * the same database transaction: the change and its entry are committed together or not at all. A row that cannot be
 * written rolls the change back and fails the request.
 *
 * <p>Events: {@code REGISTERED} (create), {@code UPDATE} (remembers the state before), {@code UPDATED} (one entry per
 * kind of change, among them the end of a grace period and a new expiry, or the generation of credentials),
 * {@code UNREGISTER} (delete, before the client goes). Listed last in the profile, it sees what the executors before it
 * made of the change. Services change without such events: the extension's endpoint that changes them records them
 * ({@code ReadResource#services}).
 */
public class HistoryExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    private static final String BEFORE = "focus.history.before.";

    private final KeycloakSession session;
    private final String provisionerClientId;

    public HistoryExecutor(KeycloakSession session, String provisionerClientId) {
        this.session = session;
        this.provisionerClientId = provisionerClientId;
    }

    @Override
    public String getProviderId() {
        return HistoryExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        if (!(context instanceof ClientCRUDContext crud) || crud.getTargetClient() == null) return;
        ClientModel client = crud.getTargetClient();
        switch (context.getEvent()) {
            case REGISTERED -> record(crud, client, HistoryAction.CREATE, null, ClientState.of(client).values());
            case UPDATE -> session.setAttribute(BEFORE + client.getId(), ClientState.of(client));
            case UPDATED -> {
                if (context instanceof ClientSecretRotationContext) {
                    record(crud, client, HistoryAction.CREDENTIALS_GENERATED, null, ClientState.of(client).secretTimes());
                    return;
                }
                Object before = session.getAttribute(BEFORE + client.getId());
                session.removeAttribute(BEFORE + client.getId());
                if (!(before instanceof ClientState state)) return;
                for (ClientState.Change change : ClientState.of(client).changesSince(state)) {
                    record(crud, client, change.action(), change.before(), change.after());
                }
            }
            case UNREGISTER -> record(crud, client, HistoryAction.DELETE, ClientState.of(client).values(), null);
            default -> {
            }
        }
    }

    private void record(ClientCRUDContext crud, ClientModel client, HistoryAction action, Map<String, Object> before,
                        Map<String, Object> after) throws ClientPolicyException {
        Actor actor;
        try {
            actor = Actor.of(crud.getAuthenticatedUser(), client.getRealm(), provisionerClientId,
                    session.getContext().getRequestHeaders());
        } catch (Actor.InvalidActor e) {
            session.getTransactionManager().setRollbackOnly();
            throw new ClientPolicyException(OAuthErrorException.INVALID_REQUEST, e.getMessage());
        }
        append(session, client, action, actor, before, after, Actor.requestId(session.getContext().getRequestHeaders()));
    }

    /**
     * Appends one entry in the session's transaction. When it cannot be written, the transaction is marked to roll
     * back and the failure goes on to the caller, so the change it records is never made without it.
     */
    public static void append(KeycloakSession session, ClientModel client, HistoryAction action, Actor actor,
                              Map<String, Object> before, Map<String, Object> after, String requestId) {
        HistoryStore.Entry entry = entryOf(client, action, actor, before, after, HistoryStore.SUCCESS, null, requestId);
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        // The change's own pending writes first, outside the catch: their failures (a duplicate Client ID: 409) stay
        // theirs, and only a failure of the entry itself is reported as one.
        em.flush();
        try {
            new HistoryStore(em).append(entry);
        } catch (RuntimeException e) {
            session.getTransactionManager().setRollbackOnly();
            throw new IllegalStateException("history_not_written: the change of client " + client.getClientId()
                    + " is not made because its history entry could not be written", e);
        }
    }

    /**
     * Appends the entry of a change that was attempted and failed (its own transaction rolled back): the client as it
     * stayed, the values the change would have set, and the error's code.
     */
    public static void appendFailure(KeycloakSession session, ClientModel client, HistoryAction action, Actor actor,
                                     Map<String, Object> attempted, String error, String requestId) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        new HistoryStore(em).append(entryOf(client, action, actor, ClientState.of(client).values(), attempted, HistoryStore.FAILURE,
                error, requestId));
    }

    private static HistoryStore.Entry entryOf(ClientModel client, HistoryAction action, Actor actor, Map<String, Object> before,
                                              Map<String, Object> after, String outcome, String error, String requestId) {
        return new HistoryStore.Entry(KeycloakModelUtils.generateId(), client.getRealm().getId(), client.getId(), client.getClientId(),
                client.getName() == null ? "" : client.getName(), Time.currentTimeMillis(), action.code, actor, before, after, outcome,
                error, requestId);
    }
}
