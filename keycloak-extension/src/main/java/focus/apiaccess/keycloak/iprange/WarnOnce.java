package focus.apiaccess.keycloak.iprange;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers what was logged already, so that a broken stored value (of a client that keeps calling) is logged once
 * rather than at every request. Bounded: past the bound it forgets, and a warning may repeat, which is harmless.
 */
public final class WarnOnce {

    private static final int MAX_REMEMBERED = 10_000;

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** True the first time {@code key} is seen. */
    public boolean first(String key) {
        if (warned.size() >= MAX_REMEMBERED) warned.clear();
        return warned.add(key);
    }
}
