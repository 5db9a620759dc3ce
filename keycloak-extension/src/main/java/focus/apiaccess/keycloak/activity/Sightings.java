package focus.apiaccess.keycloak.activity;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sightings of one client (and kind) since its last write, one per source address, bounded: past
 * {@code maxAddresses} the least recently seen address is folded into {@link #others()}, so counts stay exact while
 * the memory and the rows one write produces stay bounded, however many addresses an attacker uses.
 */
public final class Sightings {

    private final int maxAddresses;
    private final LinkedHashMap<String, Sighting> byAddress = new LinkedHashMap<>(16, 0.75f, true);
    private Sighting others;

    Sightings(int maxAddresses) {
        if (maxAddresses < 1) throw new IllegalArgumentException("maxAddresses must be at least 1");
        this.maxAddresses = maxAddresses;
    }

    /**
     * Adds one sighting. {@code mayAddAddress} false keeps a new address out of the map (a node-wide bound is
     * reached): it is counted under {@link #others()}. Returns how many address entries were added (0 or 1).
     */
    int add(String address, String error, long at, boolean mayAddAddress) {
        Sighting known = byAddress.get(address);
        if (known != null) {
            known.add(at, error);
            return 0;
        }
        if (!mayAddAddress) {
            addToOthers(new Sighting(at, error));
            return 0;
        }
        byAddress.put(address, new Sighting(at, error));
        if (byAddress.size() <= maxAddresses) return 1;
        Iterator<Map.Entry<String, Sighting>> eldest = byAddress.entrySet().iterator();
        addToOthers(eldest.next().getValue());
        eldest.remove();
        return 0;
    }

    /** Adds everything of {@code other} (a batch whose write failed, put back). Returns the address entries added. */
    int merge(Sightings other) {
        int added = 0;
        for (Map.Entry<String, Sighting> entry : other.byAddress.entrySet()) {
            Sighting known = byAddress.get(entry.getKey());
            if (known != null) {
                known.merge(entry.getValue());
            } else if (byAddress.size() < maxAddresses) {
                byAddress.put(entry.getKey(), entry.getValue());
                added++;
            } else {
                addToOthers(entry.getValue());
            }
        }
        if (other.others != null) addToOthers(other.others);
        return added;
    }

    private void addToOthers(Sighting sighting) {
        if (others == null) others = sighting.copy();
        else others.merge(sighting);
    }

    /** Per address, least recently seen first. */
    public Map<String, Sighting> byAddress() {
        return Collections.unmodifiableMap(byAddress);
    }

    /** Addresses that did not fit, summed; {@code null} when there were none. */
    public Sighting others() {
        return others;
    }

    public int addressCount() {
        return byAddress.size();
    }

    public boolean isEmpty() {
        return byAddress.isEmpty() && others == null;
    }
}
