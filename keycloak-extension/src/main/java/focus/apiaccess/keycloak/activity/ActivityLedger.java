package focus.apiaccess.keycloak.activity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This node's memory of activity not yet written, and the rule for when to write it: per {@link ActivityKey} at most
 * one write per interval. The first sighting after a quiet interval is due at once (a new client's first token shows
 * right away); later ones are summed in memory and due when the interval since the last write has passed. So a
 * client that gets a token every second, or an attacker hammering the token endpoint, costs this node one write per
 * key and interval, whatever the request rate. One exception keeps the warning before a change of IP ranges current:
 * a use from an address this node has not written for the client yet is due after the shorter refusal interval.
 *
 * <p>Memory is bounded too: each key holds at most {@code addressesPerKey} addresses (more are summed into one
 * "other addresses" sighting), the node at most {@code maxPendingAddresses} in all, and a key with nothing pending is
 * forgotten once its interval has passed (a fresh key is due at once, which is the same rule). Keys only exist for
 * clients that exist and carry the managed marker, so an attacker cannot make new ones.
 *
 * <p>Pure apart from the clock: the caller does the writing ({@link #take}, then {@link #finished}).
 */
public final class ActivityLedger {

    public interface Clock {
        long millis();
    }

    /** Sightings taken for writing. */
    public record Batch(ActivityKey key, Sightings sightings) {
    }

    private static final class Slot {
        Sightings pending;
        long lastWriteAt;
        boolean written;
        boolean writing;
        boolean retired;
        /** Uses: a pending address this node has not written for the client yet. */
        boolean newAddress;
        /** Uses: the addresses this node wrote for the client (bounded, least recently written dropped first). */
        final Set<String> writtenAddresses = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > KNOWN_ADDRESSES;
            }
        });
    }

    /** Addresses remembered per client as written: more than a client keeps (the contract's recent addresses). */
    private static final int KNOWN_ADDRESSES = 64;

    private final long useIntervalMs;
    private final long refusalIntervalMs;
    private final int addressesPerKey;
    private final int maxPendingAddresses;
    private final Clock clock;
    private final ConcurrentHashMap<ActivityKey, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicInteger pendingAddresses = new AtomicInteger();

    public ActivityLedger(long useIntervalMs, long refusalIntervalMs, int addressesPerKey, int maxPendingAddresses, Clock clock) {
        this.useIntervalMs = useIntervalMs;
        this.refusalIntervalMs = refusalIntervalMs;
        this.addressesPerKey = addressesPerKey;
        this.maxPendingAddresses = maxPendingAddresses;
        this.clock = clock;
    }

    /** Adds one sighting; true when the key is due now (the caller should write it). */
    public boolean record(ActivityKey key, String address, String error) {
        long now = clock.millis();
        while (true) {
            Slot slot = slots.computeIfAbsent(key, k -> new Slot());
            synchronized (slot) {
                if (slot.retired) continue;
                if (slot.pending == null) slot.pending = new Sightings(addressesPerKey);
                boolean room = pendingAddresses.get() < maxPendingAddresses;
                pendingAddresses.addAndGet(slot.pending.add(address, error, now, room));
                if (key.isUse() && !slot.writtenAddresses.contains(address)) slot.newAddress = true;
                return isDue(key, slot, now);
            }
        }
    }

    /** The key's pending sightings, taken for writing, when it is due; {@code null} otherwise. */
    public Batch take(ActivityKey key) {
        Slot slot = slots.get(key);
        if (slot == null) return null;
        synchronized (slot) {
            long now = clock.millis();
            if (slot.retired || !isDue(key, slot, now)) return null;
            return takeFrom(key, slot, now);
        }
    }

    /** Every key's pending sightings, due or not (when the node stops). */
    public List<Batch> takeAll() {
        long now = clock.millis();
        List<Batch> batches = new ArrayList<>();
        for (Map.Entry<ActivityKey, Slot> entry : slots.entrySet()) {
            Slot slot = entry.getValue();
            synchronized (slot) {
                if (!slot.retired && !slot.writing && slot.pending != null) batches.add(takeFrom(entry.getKey(), slot, now));
            }
        }
        return batches;
    }

    private Batch takeFrom(ActivityKey key, Slot slot, long now) {
        Sightings taken = slot.pending;
        slot.pending = null;
        slot.writing = true;
        slot.written = true;
        slot.lastWriteAt = now;
        slot.newAddress = false;
        if (key.isUse()) slot.writtenAddresses.addAll(taken.byAddress().keySet());
        pendingAddresses.addAndGet(-taken.addressCount());
        return new Batch(key, taken);
    }

    /** The write of a taken batch is over (stored, or given up). */
    public void finished(Batch batch) {
        Slot slot = slots.get(batch.key());
        if (slot == null) return;
        synchronized (slot) {
            slot.writing = false;
        }
    }

    /** Keys due for writing now; forgets keys that have nothing pending and whose interval has passed. */
    public List<ActivityKey> dueKeys() {
        long now = clock.millis();
        List<ActivityKey> due = new ArrayList<>();
        for (Map.Entry<ActivityKey, Slot> entry : slots.entrySet()) {
            ActivityKey key = entry.getKey();
            Slot slot = entry.getValue();
            synchronized (slot) {
                if (isDue(key, slot, now)) {
                    due.add(key);
                } else if (!slot.writing && slot.pending == null && intervalPassed(key, slot, now)) {
                    slot.retired = true;
                    slots.remove(key, slot);
                }
            }
        }
        return due;
    }

    /** Address entries held in memory on this node (for the bound). */
    public int pendingAddresses() {
        return pendingAddresses.get();
    }

    /** Keys remembered on this node. */
    public int keys() {
        return slots.size();
    }

    private boolean isDue(ActivityKey key, Slot slot, long now) {
        if (slot.writing || slot.pending == null) return false;
        return intervalPassed(key, slot, now) || (slot.newAddress && now - slot.lastWriteAt >= refusalIntervalMs);
    }

    private boolean intervalPassed(ActivityKey key, Slot slot, long now) {
        return !slot.written || now - slot.lastWriteAt >= (key.isUse() ? useIntervalMs : refusalIntervalMs);
    }
}
