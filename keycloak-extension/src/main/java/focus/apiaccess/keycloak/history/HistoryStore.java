package focus.apiaccess.keycloak.history;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Clob;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.keycloak.util.JsonSerialization;

/**
 * The table {@code FOCUS_API_CLIENT_HISTORY}: one row per change of an API client, appended in the change's own
 * transaction and never updated. It has no foreign key to the client, so a client's history outlives it; rows go
 * only when they are older than the retention ({@link #prune}).
 */
public final class HistoryStore {

    public record Entry(String id, String realmId, String clientUuid, String clientId, String clientName, long time,
                        String action, Actor actor, Map<String, Object> before, Map<String, Object> after, String outcome,
                        String error, String requestId) {
    }

    /** Which entries to read; {@code null} fields do not filter. Times are epoch milliseconds, {@code to} exclusive. */
    public record Filter(String clientUuid, String person, String action, Long from, Long to) {
    }

    public record Page(long total, List<Entry> entries) {
    }

    /** A change that was made, written in its own transaction: a change that failed rolled such an entry back with it. */
    public static final String SUCCESS = "success";
    /** A change that was attempted and failed, with the error's code: written after the failure, by the provisioner. */
    public static final String FAILURE = "failure";

    private static final String COLUMNS = "ID, REALM_ID, CLIENT_UUID, CLIENT_ID, CLIENT_NAME, TIME, ACTION, ACTOR_SUBJECT, "
            + "ACTOR_USERNAME, VIA, BEFORE_VALUES, AFTER_VALUES, OUTCOME, REQUEST_ID, ERROR";

    private final EntityManager em;

    public HistoryStore(EntityManager em) {
        this.em = em;
    }

    /** Written at once (a native statement), not at commit: a row that cannot be written fails the change in time. */
    public void append(Entry entry) {
        em.createNativeQuery("INSERT INTO FOCUS_API_CLIENT_HISTORY (" + COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
                .setParameter(1, entry.id()).setParameter(2, entry.realmId()).setParameter(3, entry.clientUuid())
                .setParameter(4, entry.clientId()).setParameter(5, entry.clientName()).setParameter(6, entry.time())
                .setParameter(7, entry.action()).setParameter(8, entry.actor().subject())
                .setParameter(9, entry.actor().username()).setParameter(10, entry.actor().via())
                .setParameter(11, json(entry.before())).setParameter(12, json(entry.after()))
                .setParameter(13, entry.outcome()).setParameter(14, entry.requestId()).setParameter(15, entry.error())
                .executeUpdate();
    }

    /** One page of the realm's entries matching the filter, most recent first. */
    public Page page(String realmId, Filter filter, int first, int max) {
        StringBuilder where = new StringBuilder(" WHERE REALM_ID = ?1");
        List<Object> parameters = new ArrayList<>();
        parameters.add(realmId);
        if (filter.clientUuid() != null) {
            parameters.add(filter.clientUuid());
            parameters.add(filter.clientUuid());
            where.append(" AND (CLIENT_UUID = ?").append(parameters.size() - 1).append(" OR CLIENT_ID = ?").append(parameters.size()).append(')');
        }
        if (filter.person() != null) {
            parameters.add(filter.person());
            parameters.add(filter.person());
            where.append(" AND (ACTOR_USERNAME = ?").append(parameters.size() - 1).append(" OR ACTOR_SUBJECT = ?").append(parameters.size()).append(')');
        }
        if (filter.action() != null) {
            parameters.add(filter.action());
            where.append(" AND ACTION = ?").append(parameters.size());
        }
        if (filter.from() != null) {
            parameters.add(filter.from());
            where.append(" AND TIME >= ?").append(parameters.size());
        }
        if (filter.to() != null) {
            parameters.add(filter.to());
            where.append(" AND TIME < ?").append(parameters.size());
        }
        Query count = em.createNativeQuery("SELECT COUNT(*) FROM FOCUS_API_CLIENT_HISTORY" + where);
        Query rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM FOCUS_API_CLIENT_HISTORY" + where + " ORDER BY TIME DESC, ID");
        for (int i = 0; i < parameters.size(); i++) {
            count.setParameter(i + 1, parameters.get(i));
            rows.setParameter(i + 1, parameters.get(i));
        }
        long total = ((Number) count.getSingleResult()).longValue();
        List<Entry> entries = new ArrayList<>();
        if (total > first) {
            @SuppressWarnings("unchecked")
            List<Object[]> found = rows.setFirstResult(first).setMaxResults(max).getResultList();
            for (Object[] row : found) entries.add(entry(row));
        }
        return new Page(total, entries);
    }

    /** Removes entries older than the given time (epoch ms); returns how many. */
    public int prune(long before) {
        return em.createNativeQuery("DELETE FROM FOCUS_API_CLIENT_HISTORY WHERE TIME < ?1").setParameter(1, before).executeUpdate();
    }

    private static Entry entry(Object[] row) {
        return new Entry((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                ((Number) row[5]).longValue(), (String) row[6],
                new Actor((String) row[7], (String) row[8], (String) row[9]),
                values(text(row[10])), values(text(row[11])), (String) row[12], (String) row[14], (String) row[13]);
    }

    private static String json(Map<String, Object> values) {
        if (values == null) return null;
        try {
            return JsonSerialization.writeValueAsString(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(String json) {
        if (json == null) return null;
        try {
            return JsonSerialization.readValue(json, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Long text comes back as a String or, on some databases, as a CLOB. */
    private static String text(Object value) {
        if (value == null || value instanceof String) return (String) value;
        if (value instanceof Clob clob) {
            try (Reader reader = clob.getCharacterStream()) {
                StringBuilder text = new StringBuilder();
                char[] buffer = new char[4096];
                for (int n; (n = reader.read(buffer)) > 0; ) text.append(buffer, 0, n);
                return text.toString();
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("history: cannot read stored values", e);
            }
        }
        return value.toString();
    }
}
