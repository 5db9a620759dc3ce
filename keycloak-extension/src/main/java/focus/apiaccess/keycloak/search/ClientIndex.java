package focus.apiaccess.keycloak.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.EntityManager;

import org.keycloak.models.ClientModel;

/**
 * The table {@code FOCUS_API_CLIENT}: one row per managed API client with its current Client ID and {@link SearchKey},
 * so that a search by any part of the name or Client ID, ignoring case and accents, is one SQL query with a count.
 * Kept in step with every client change inside the change's own transaction ({@link #update}), and repaired at start
 * for changes made while the extension was not there ({@link #repair}).
 */
public final class ClientIndex {

    public static final String MANAGED_ATTRIBUTE = "focus.api-client";
    public static final String MANAGED_VALUE = "true";

    public record Page(long total, List<String> ids) {
    }

    private final EntityManager em;

    public ClientIndex(EntityManager em) {
        this.em = em;
    }

    /** The client's row made current: present with its key while it carries the managed marker, absent otherwise. */
    public void update(ClientModel client) {
        boolean managed = MANAGED_VALUE.equals(client.getAttribute(MANAGED_ATTRIBUTE));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT CLIENT_ID, NAME FROM FOCUS_API_CLIENT WHERE ID = ?1")
                .setParameter(1, client.getId())
                .getResultList();
        if (!managed) {
            if (!rows.isEmpty()) delete(client.getId());
            return;
        }
        if (rows.isEmpty()) {
            insert(client.getId(), client.getRealm().getId(), client.getClientId(), client.getName());
        } else if (!Objects.equals(rows.get(0)[0], client.getClientId()) || !Objects.equals(rows.get(0)[1], stored(client.getName()))) {
            change(client.getId(), client.getClientId(), client.getName());
        }
    }

    /**
     * Adds or corrects the rows of managed clients that are missing or out of date, and removes the rows of clients
     * that lost the marker. Returns how many rows it changed.
     */
    public int repair() {
        @SuppressWarnings("unchecked")
        List<Object[]> stale = em.createNativeQuery("SELECT c.ID, c.REALM_ID, c.CLIENT_ID, c.NAME, f.ID FROM CLIENT c "
                        + "JOIN CLIENT_ATTRIBUTES a ON a.CLIENT_ID = c.ID "
                        + "LEFT JOIN FOCUS_API_CLIENT f ON f.ID = c.ID "
                        + "WHERE a.NAME = ?1 AND a.VALUE = ?2 AND (f.ID IS NULL OR f.CLIENT_ID <> c.CLIENT_ID "
                        + "OR COALESCE(f.NAME, '') <> COALESCE(c.NAME, ''))")
                .setParameter(1, MANAGED_ATTRIBUTE).setParameter(2, MANAGED_VALUE)
                .getResultList();
        for (Object[] row : stale) {
            if (row[4] == null) insert((String) row[0], (String) row[1], (String) row[2], (String) row[3]);
            else change((String) row[0], (String) row[2], (String) row[3]);
        }
        int removed = em.createNativeQuery("DELETE FROM FOCUS_API_CLIENT WHERE ID NOT IN "
                        + "(SELECT a.CLIENT_ID FROM CLIENT_ATTRIBUTES a WHERE a.NAME = ?1 AND a.VALUE = ?2)")
                .setParameter(1, MANAGED_ATTRIBUTE).setParameter(2, MANAGED_VALUE)
                .executeUpdate();
        return stale.size() + removed;
    }

    /** One page of managed clients of the realm, ordered by Client ID, matching the term (all when it is blank). */
    public Page search(String realmId, String term, int first, int max) {
        String pattern = term == null ? null : SearchKey.likePattern(term);
        String where = "WHERE REALM_ID = ?1" + (pattern == null ? "" : " AND SEARCH_KEY LIKE ?2 " + SearchKey.escapeClause());
        var count = em.createNativeQuery("SELECT COUNT(*) FROM FOCUS_API_CLIENT " + where).setParameter(1, realmId);
        var page = em.createNativeQuery("SELECT ID FROM FOCUS_API_CLIENT " + where + " ORDER BY CLIENT_ID, ID")
                .setParameter(1, realmId);
        if (pattern != null) {
            count.setParameter(2, pattern);
            page.setParameter(2, pattern);
        }
        long total = ((Number) count.getSingleResult()).longValue();
        List<String> ids = new ArrayList<>();
        if (total > first) {
            for (Object id : page.setFirstResult(first).setMaxResults(max).getResultList()) ids.add((String) id);
        }
        return new Page(total, ids);
    }

    private void insert(String id, String realmId, String clientId, String name) {
        em.createNativeQuery("INSERT INTO FOCUS_API_CLIENT (ID, REALM_ID, CLIENT_ID, NAME, SEARCH_KEY) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, id).setParameter(2, realmId).setParameter(3, clientId)
                .setParameter(4, stored(name)).setParameter(5, SearchKey.of(name, clientId))
                .executeUpdate();
    }

    private void change(String id, String clientId, String name) {
        em.createNativeQuery("UPDATE FOCUS_API_CLIENT SET CLIENT_ID = ?2, NAME = ?3, SEARCH_KEY = ?4 WHERE ID = ?1")
                .setParameter(1, id).setParameter(2, clientId)
                .setParameter(3, stored(name)).setParameter(4, SearchKey.of(name, clientId))
                .executeUpdate();
    }

    private static String stored(String name) {
        return name == null ? "" : name;
    }

    private void delete(String id) {
        em.createNativeQuery("DELETE FROM FOCUS_API_CLIENT WHERE ID = ?1").setParameter(1, id).executeUpdate();
    }
}
