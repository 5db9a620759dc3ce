package focus.apiaccess.keycloak.storage;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

/**
 * The client's row, locked in the request's transaction until it ends. Every change the provisioner makes to an API
 * client takes it first, before anything is written: changes of one client are then made one after the other, and two
 * of them cannot deadlock, each holding a row the other waits for (the client's, its attributes', the realm's search
 * counter), which the database would end by failing one of them.
 */
public final class ClientRowLock {

    private static final String HELD = "focus.client-row-lock.";

    private ClientRowLock() {
    }

    public static void lock(KeycloakSession session, ClientModel client) {
        lock(session, client.getId());
    }

    /**
     * Taken before the client is first read in a request, the lock also makes that read see what the change before it
     * left (its history entry's "before" among it). A client that does not exist locks nothing.
     */
    public static void lock(KeycloakSession session, String id) {
        // Held until the transaction ends: a second request for it in the same request (the update endpoint, then the
        // executor its update runs) would only cost another query.
        String held = HELD + id;
        if (session.getAttribute(held) != null) return;
        session.setAttribute(held, Boolean.TRUE);
        session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("SELECT ID FROM CLIENT WHERE ID = ?1 FOR UPDATE")
                .setParameter(1, id)
                .getResultList();
    }
}
