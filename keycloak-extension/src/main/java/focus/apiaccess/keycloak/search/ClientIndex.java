package focus.apiaccess.keycloak.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.EntityManager;

import org.keycloak.models.ClientModel;

/**
 * The table {@code FOCUS_API_CLIENT}: one row per managed API client with its current Client ID and {@link SearchKey},
 * so that a search by any part of the name or Client ID, ignoring case and accents, needs no look at the clients
 * themselves. Kept in step with every client change inside the change's own transaction ({@link #update},
 * {@link #removed}), and repaired at start for changes made while the extension was not there ({@link #repair}).
 * Every change also counts up the realm's generation ({@code FOCUS_API_CLIENT_GENERATION}), which tells a node's
 * {@link IndexCache} whether its copy is still current.
 */
public final class ClientIndex {

    public static final String MANAGED_ATTRIBUTE = "focus.api-client";
    public static final String MANAGED_VALUE = "true";

    public record Page(long total, List<String> ids) {
    }

    /** One row, as a node keeps it in memory. */
    public record Entry(String id, String clientId, String key) {
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
        String realmId = client.getRealm().getId();
        if (!managed) {
            if (!rows.isEmpty()) {
                delete(client.getId());
                countChange(realmId);
            }
            return;
        }
        if (rows.isEmpty()) {
            insert(client.getId(), realmId, client.getClientId(), client.getName());
            countChange(realmId);
        } else if (!Objects.equals(rows.get(0)[0], client.getClientId()) || !Objects.equals(rows.get(0)[1], stored(client.getName()))) {
            change(client.getId(), client.getClientId(), client.getName());
            countChange(realmId);
        }
    }

    /** A client is being deleted: its row goes with it (foreign key), and the realm's generation moves on. */
    public void removed(ClientModel client) {
        if (MANAGED_VALUE.equals(client.getAttribute(MANAGED_ATTRIBUTE))) countChange(client.getRealm().getId());
    }

    /** A new realm starts at generation 0 (in the realm's own transaction, so no two nodes insert it). */
    public void realmCreated(String realmId) {
        realmRemoved(realmId);
        em.createNativeQuery("INSERT INTO FOCUS_API_CLIENT_GENERATION (REALM_ID, GENERATION) VALUES (?1, 0)")
                .setParameter(1, realmId).executeUpdate();
    }

    public void realmRemoved(String realmId) {
        em.createNativeQuery("DELETE FROM FOCUS_API_CLIENT_GENERATION WHERE REALM_ID = ?1").setParameter(1, realmId).executeUpdate();
    }

    private void countChange(String realmId) {
        em.createNativeQuery("UPDATE FOCUS_API_CLIENT_GENERATION SET GENERATION = GENERATION + 1 WHERE REALM_ID = ?1")
                .setParameter(1, realmId).executeUpdate();
    }

    /** The realm's generation; {@code null} when the realm has none yet (then searches go to the database). */
    public Long generation(String realmId) {
        List<?> rows = em.createNativeQuery("SELECT GENERATION FROM FOCUS_API_CLIENT_GENERATION WHERE REALM_ID = ?1")
                .setParameter(1, realmId).getResultList();
        return rows.isEmpty() ? null : ((Number) rows.get(0)).longValue();
    }

    /** The realm's rows, ordered by Client ID, for a node's memory. */
    public List<Entry> entries(String realmId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT ID, CLIENT_ID, SEARCH_KEY FROM FOCUS_API_CLIENT WHERE REALM_ID = ?1 "
                        + "ORDER BY CLIENT_ID, ID")
                .setParameter(1, realmId).getResultList();
        List<Entry> entries = new ArrayList<>(rows.size());
        for (Object[] row : rows) entries.add(new Entry((String) row[0], (String) row[1], (String) row[2]));
        return entries;
    }

    /**
     * Adds or corrects the rows of managed clients that are missing or out of date, removes the rows of clients that
     * lost the marker, and gives every realm a generation (moved on, so that no node keeps an older copy). Returns how
     * many rows it changed.
     */
    public int repair() {
        em.createNativeQuery("INSERT INTO FOCUS_API_CLIENT_GENERATION (REALM_ID, GENERATION) SELECT r.ID, 0 FROM REALM r "
                + "WHERE NOT EXISTS (SELECT 1 FROM FOCUS_API_CLIENT_GENERATION g WHERE g.REALM_ID = r.ID)").executeUpdate();
        em.createNativeQuery("UPDATE FOCUS_API_CLIENT_GENERATION SET GENERATION = GENERATION + 1").executeUpdate();
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
    public Page searchInDatabase(String realmId, String term, int first, int max) {
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
