package focus.apiaccess.keycloak.activity;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivityLedgerTest {

    private static final long USE_INTERVAL = 300_000;
    private static final long REFUSAL_INTERVAL = 60_000;
    private static final ActivityKey USE = ActivityKey.use("client-a");
    private static final ActivityKey BAD_SECRET = ActivityKey.refusal("client-a", RefusalReason.BAD_SECRET);
    private static final ActivityKey IP_NOT_ALLOWED = ActivityKey.refusal("client-a", RefusalReason.IP_NOT_ALLOWED);

    private long now = 1_000_000;

    private ActivityLedger ledger(int addressesPerKey, int maxPending) {
        return new ActivityLedger(USE_INTERVAL, REFUSAL_INTERVAL, addressesPerKey, maxPending, () -> now);
    }

    /** Takes and finishes a write, as the recorder does; returns what was written. */
    private static Sightings write(ActivityLedger ledger, ActivityKey key) {
        ActivityLedger.Batch batch = ledger.take(key);
        if (batch == null) return null;
        ledger.finished(batch);
        return batch.sightings();
    }

    @Test
    void theFirstUseIsDueAtOnceThenAtMostOneWritePerInterval() {
        ActivityLedger ledger = ledger(20, 1000);
        assertTrue(ledger.record(USE, "198.51.100.1", null));
        assertEquals(1, write(ledger, USE).byAddress().get("198.51.100.1").count());

        for (int i = 0; i < 1000; i++) {
            now += 100;
            assertFalse(ledger.record(USE, "198.51.100.1", null), "request " + i + " within the interval");
        }
        long lastRequest = now;
        assertNull(ledger.take(USE));
        assertEquals(List.of(), ledger.dueKeys());

        now += USE_INTERVAL - 1000 * 100;
        assertEquals(List.of(USE), ledger.dueKeys());
        Sightings summed = write(ledger, USE);
        assertEquals(1000, summed.byAddress().get("198.51.100.1").count());
        assertEquals(lastRequest, summed.byAddress().get("198.51.100.1").last());
    }

    @Test
    void aUseFromAnAddressNotWrittenYetIsDueAfterTheShorterRefusalInterval() {
        ActivityLedger ledger = ledger(20, 1000);
        ledger.record(USE, "198.51.100.1", null);
        write(ledger, USE);
        now += 1000;
        assertFalse(ledger.record(USE, "198.51.100.1", null));
        assertFalse(ledger.record(USE, "203.0.113.9", null), "not before the refusal interval");
        now += REFUSAL_INTERVAL;
        assertEquals(List.of(USE), ledger.dueKeys());
        Sightings written = write(ledger, USE);
        assertEquals(List.of("198.51.100.1", "203.0.113.9"), List.copyOf(written.byAddress().keySet()));
        // Both are known now: their next uses wait for the full interval again.
        now += REFUSAL_INTERVAL;
        ledger.record(USE, "203.0.113.9", null);
        ledger.record(USE, "198.51.100.1", null);
        assertEquals(List.of(), ledger.dueKeys());
        now += USE_INTERVAL;
        assertEquals(List.of(USE), ledger.dueKeys());
    }

    @Test
    void aKeyBeingWrittenIsNotDueAgainUntilItsWriteIsOver() {
        ActivityLedger ledger = ledger(20, 1000);
        ledger.record(USE, "198.51.100.1", null);
        ActivityLedger.Batch batch = ledger.take(USE);
        assertNotNull(batch);
        now += USE_INTERVAL * 2;
        assertFalse(ledger.record(USE, "198.51.100.2", null));
        assertEquals(List.of(), ledger.dueKeys());
        ledger.finished(batch);
        assertEquals(List.of(USE), ledger.dueKeys());
    }

    @Test
    void refusalsHaveTheirOwnIntervalPerReason() {
        ActivityLedger ledger = ledger(20, 1000);
        assertTrue(ledger.record(BAD_SECRET, "203.0.113.9", "invalid_client_credentials"));
        write(ledger, BAD_SECRET);
        // A flood of wrong secrets does not hold back the first IP refusal.
        assertFalse(ledger.record(BAD_SECRET, "203.0.113.9", "invalid_client_credentials"));
        assertTrue(ledger.record(IP_NOT_ALLOWED, "203.0.113.10", "unauthorized_client"));
        write(ledger, IP_NOT_ALLOWED);
        now += REFUSAL_INTERVAL;
        assertEquals(List.of(BAD_SECRET), ledger.dueKeys());
    }

    @Test
    void eachKeyHoldsABoundedNumberOfAddressesAndSumsTheRest() {
        ActivityLedger ledger = ledger(2, 1000);
        ledger.record(BAD_SECRET, "192.0.2.1", "invalid_client_credentials");
        write(ledger, BAD_SECRET);
        for (int i = 0; i < 500; i++) ledger.record(BAD_SECRET, "192.0.2." + (i % 250), "invalid_client_credentials");
        now += REFUSAL_INTERVAL;
        Sightings written = write(ledger, BAD_SECRET);
        assertEquals(2, written.addressCount());
        long kept = written.byAddress().values().stream().mapToLong(Sighting::count).sum();
        assertEquals(500, kept + written.others().count(), "every refusal is counted");
        assertEquals(List.of("192.0.2.248", "192.0.2.249"), List.copyOf(written.byAddress().keySet()));
    }

    @Test
    void theNodeHoldsABoundedNumberOfAddressesInAll() {
        ActivityLedger ledger = ledger(20, 3);
        for (int client = 0; client < 3; client++) {
            ActivityKey key = ActivityKey.use("client-" + client);
            ledger.record(key, "198.51.100.1", null);
            ledger.take(key);
        }
        // The three batches were taken: room again.
        assertEquals(0, ledger.pendingAddresses());
        ActivityKey busy = ActivityKey.refusal("client-x", RefusalReason.BAD_SECRET);
        for (int i = 0; i < 10; i++) ledger.record(busy, "203.0.113." + i, "invalid_client_credentials");
        assertEquals(3, ledger.pendingAddresses());
        Sightings written = write(ledger, busy);
        assertEquals(3, written.addressCount());
        assertEquals(7, written.others().count());
        assertEquals(0, ledger.pendingAddresses());
    }

    @Test
    void aQuietKeyIsForgottenAndItsNextUseIsDueAtOnce() {
        ActivityLedger ledger = ledger(20, 1000);
        ledger.record(USE, "198.51.100.1", null);
        write(ledger, USE);
        assertEquals(1, ledger.keys());
        now += USE_INTERVAL;
        assertEquals(List.of(), ledger.dueKeys());
        assertEquals(0, ledger.keys());
        assertTrue(ledger.record(USE, "198.51.100.1", null));
    }

    @Test
    void takeAllHandsOverWhatIsPendingWhateverTheInterval() {
        ActivityLedger ledger = ledger(20, 1000);
        ledger.record(USE, "198.51.100.1", null);
        write(ledger, USE);
        ledger.record(USE, "198.51.100.2", null);
        ledger.record(BAD_SECRET, "203.0.113.9", "invalid_client_credentials");
        assertEquals(2, ledger.takeAll().size());
        assertEquals(0, ledger.pendingAddresses());
    }
}
