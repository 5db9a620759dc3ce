package focus.apiaccess.keycloak.activity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

/**
 * The activity tables of {@code META-INF/focus-api-access-changelog.xml}, in plain SQL that H2 and PostgreSQL read
 * alike: the recent source addresses of each client (its last use is the most recent of them) and its refusals, one
 * row per reason and source address. Rows go with their client (foreign keys with ON DELETE CASCADE).
 */
public final class ActivityStore {

    /** The row that sums refusals from addresses that did not fit in one write. */
    public static final String OTHER_ADDRESSES = "*";
    /** Addresses longer than this are cut (an IPv6 address with an IPv4 tail has 45 characters). */
    static final int ADDRESS_LENGTH = 64;
    static final int ERROR_LENGTH = 64;
    private static final long DAY_MS = 24L * 3600 * 1000;

    public record Address(String address, long firstSeen, long lastSeen) {
    }

    public record RefusalGroup(RefusalReason reason, long refusals, long sources, long lastAt) {
    }

    /** One source of refusals; {@code address} is {@code null} for the sum of addresses that did not fit. */
    public record Refusal(String address, String error, long firstAt, long lastAt, long refusals) {
    }

    private final EntityManager em;

    public ActivityStore(EntityManager em) {
        this.em = em;
    }

    /** Adds a client's uses, then keeps its most recent addresses within the retention (the latest one always). */
    public void addUses(String clientUuid, Sightings uses, long now) {
        for (Map.Entry<String, Sighting> entry : uses.byAddress().entrySet()) {
            String address = cut(entry.getKey(), ADDRESS_LENGTH);
            Sighting s = entry.getValue();
            int updated = em.createNativeQuery("UPDATE FOCUS_API_CLIENT_ADDRESS SET "
                            + "FIRST_SEEN = CASE WHEN FIRST_SEEN > ?3 THEN ?3 ELSE FIRST_SEEN END, "
                            + "LAST_SEEN = CASE WHEN LAST_SEEN < ?4 THEN ?4 ELSE LAST_SEEN END "
                            + "WHERE CLIENT_UUID = ?1 AND ADDRESS = ?2")
                    .setParameter(1, clientUuid).setParameter(2, address)
                    .setParameter(3, s.first()).setParameter(4, s.last())
                    .executeUpdate();
            if (updated == 0) {
                em.createNativeQuery("INSERT INTO FOCUS_API_CLIENT_ADDRESS (CLIENT_UUID, ADDRESS, FIRST_SEEN, LAST_SEEN) "
                                + "VALUES (?1, ?2, ?3, ?4)")
                        .setParameter(1, clientUuid).setParameter(2, address)
                        .setParameter(3, s.first()).setParameter(4, s.last())
                        .executeUpdate();
            }
        }
        List<Address> kept = addresses(clientUuid);
        long oldest = now - ActivityContract.RETENTION_DAYS * DAY_MS;
        for (int i = 1; i < kept.size(); i++) {
            Address row = kept.get(i);
            if (i >= ActivityContract.RECENT_ADDRESSES || row.lastSeen() < oldest) {
                em.createNativeQuery("DELETE FROM FOCUS_API_CLIENT_ADDRESS WHERE CLIENT_UUID = ?1 AND ADDRESS = ?2")
                        .setParameter(1, clientUuid).setParameter(2, row.address()).executeUpdate();
            }
        }
    }

    /** Adds a client's refusals for one reason, then keeps its most recent sources within the retention. */
    public void addRefusals(String clientUuid, RefusalReason reason, Sightings refusals, long now) {
        for (Map.Entry<String, Sighting> entry : refusals.byAddress().entrySet()) {
            addRefusal(clientUuid, reason, cut(entry.getKey(), ADDRESS_LENGTH), entry.getValue());
        }
        if (refusals.others() != null) addRefusal(clientUuid, reason, OTHER_ADDRESSES, refusals.others());
        long oldest = now - ActivityContract.RETENTION_DAYS * DAY_MS;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT ADDRESS, LAST_AT FROM FOCUS_API_CLIENT_REFUSAL "
                        + "WHERE CLIENT_UUID = ?1 AND REASON = ?2 ORDER BY LAST_AT DESC, ADDRESS")
                .setParameter(1, clientUuid).setParameter(2, reason.code)
                .getResultList();
        for (int i = 0; i < rows.size(); i++) {
            if (i >= ActivityContract.REFUSAL_SOURCES_PER_REASON || number(rows.get(i)[1]) < oldest) {
                em.createNativeQuery("DELETE FROM FOCUS_API_CLIENT_REFUSAL WHERE CLIENT_UUID = ?1 AND REASON = ?2 AND ADDRESS = ?3")
                        .setParameter(1, clientUuid).setParameter(2, reason.code).setParameter(3, rows.get(i)[0])
                        .executeUpdate();
            }
        }
    }

    private void addRefusal(String clientUuid, RefusalReason reason, String address, Sighting s) {
        String error = s.error() == null ? "" : cut(s.error(), ERROR_LENGTH);
        int updated = em.createNativeQuery("UPDATE FOCUS_API_CLIENT_REFUSAL SET "
                        + "FIRST_AT = CASE WHEN FIRST_AT > ?4 THEN ?4 ELSE FIRST_AT END, "
                        + "ERROR = CASE WHEN LAST_AT <= ?5 THEN ?6 ELSE ERROR END, "
                        + "LAST_AT = CASE WHEN LAST_AT < ?5 THEN ?5 ELSE LAST_AT END, "
                        + "REFUSALS = REFUSALS + ?7 "
                        + "WHERE CLIENT_UUID = ?1 AND REASON = ?2 AND ADDRESS = ?3")
                .setParameter(1, clientUuid).setParameter(2, reason.code).setParameter(3, address)
                .setParameter(4, s.first()).setParameter(5, s.last()).setParameter(6, error).setParameter(7, s.count())
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO FOCUS_API_CLIENT_REFUSAL "
                            + "(CLIENT_UUID, REASON, ADDRESS, ERROR, FIRST_AT, LAST_AT, REFUSALS) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                    .setParameter(1, clientUuid).setParameter(2, reason.code).setParameter(3, address)
                    .setParameter(4, error).setParameter(5, s.first()).setParameter(6, s.last()).setParameter(7, s.count())
                    .executeUpdate();
        }
    }

    /** A client's recent source addresses, most recently seen first. */
    public List<Address> addresses(String clientUuid) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT ADDRESS, FIRST_SEEN, LAST_SEEN FROM FOCUS_API_CLIENT_ADDRESS "
                        + "WHERE CLIENT_UUID = ?1 ORDER BY LAST_SEEN DESC, ADDRESS")
                .setParameter(1, clientUuid)
                .getResultList();
        List<Address> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) out.add(new Address((String) row[0], number(row[1]), number(row[2])));
        return out;
    }

    /** The last use (most recently seen address) of each of these clients that has one. */
    public Map<String, Address> lastUses(Collection<String> clientUuids) {
        Map<String, Address> last = new HashMap<>();
        if (clientUuids.isEmpty()) return last;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT CLIENT_UUID, ADDRESS, FIRST_SEEN, LAST_SEEN FROM FOCUS_API_CLIENT_ADDRESS "
                        + "WHERE CLIENT_UUID IN (?1)")
                .setParameter(1, clientUuids)
                .getResultList();
        for (Object[] row : rows) {
            Address address = new Address((String) row[1], number(row[2]), number(row[3]));
            last.merge((String) row[0], address, (a, b) -> a.lastSeen() >= b.lastSeen() ? a : b);
        }
        return last;
    }

    /** A client's refusals summed per reason. */
    public List<RefusalGroup> refusalGroups(String clientUuid) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT REASON, SUM(REFUSALS), COUNT(*), MAX(LAST_AT) FROM FOCUS_API_CLIENT_REFUSAL "
                        + "WHERE CLIENT_UUID = ?1 GROUP BY REASON")
                .setParameter(1, clientUuid)
                .getResultList();
        List<RefusalGroup> groups = new ArrayList<>();
        for (Object[] row : rows) {
            RefusalReason reason = RefusalReason.ofCode((String) row[0]);
            if (reason != null) groups.add(new RefusalGroup(reason, number(row[1]), number(row[2]), number(row[3])));
        }
        groups.sort((a, b) -> Integer.compare(a.reason().ordinal(), b.reason().ordinal()));
        return groups;
    }

    /** One page of a client's refusals for one reason, most recent first. */
    public List<Refusal> refusals(String clientUuid, RefusalReason reason, int first, int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT ADDRESS, ERROR, FIRST_AT, LAST_AT, REFUSALS FROM FOCUS_API_CLIENT_REFUSAL "
                        + "WHERE CLIENT_UUID = ?1 AND REASON = ?2 ORDER BY LAST_AT DESC, ADDRESS")
                .setParameter(1, clientUuid).setParameter(2, reason.code)
                .setFirstResult(first).setMaxResults(max)
                .getResultList();
        List<Refusal> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            String address = (String) row[0];
            out.add(new Refusal(OTHER_ADDRESSES.equals(address) ? null : address, (String) row[1],
                    number(row[2]), number(row[3]), number(row[4])));
        }
        return out;
    }

    public long refusalCount(String clientUuid, RefusalReason reason) {
        return number(em.createNativeQuery("SELECT COUNT(*) FROM FOCUS_API_CLIENT_REFUSAL WHERE CLIENT_UUID = ?1 AND REASON = ?2")
                .setParameter(1, clientUuid).setParameter(2, reason.code)
                .getSingleResult());
    }

    static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
