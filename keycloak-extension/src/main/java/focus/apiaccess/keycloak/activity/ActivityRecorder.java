package focus.apiaccess.keycloak.activity;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * This node's activity recorder: the listener hands it sightings of managed clients (on the request thread, memory
 * only), and one background thread writes what the {@link ActivityLedger} says is due, each batch in its own
 * transaction, so a token request never waits for the database. A sweep every few seconds writes what became due
 * since.
 */
final class ActivityRecorder implements ActivitySink {

    private static final Logger LOG = Logger.getLogger(ActivityRecorder.class);

    private final KeycloakSessionFactory sessions;
    private final ActivityLedger ledger;
    private final ActivityLedger.Clock clock;
    private final long sweepMs;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "focus-api-activity-writer");
        thread.setDaemon(true);
        return thread;
    });

    ActivityRecorder(KeycloakSessionFactory sessions, ActivityLedger ledger, ActivityLedger.Clock clock, long sweepMs) {
        this.sessions = sessions;
        this.ledger = ledger;
        this.clock = clock;
        this.sweepMs = sweepMs;
    }

    void start() {
        writer.scheduleWithFixedDelay(this::sweep, sweepMs, sweepMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void use(String clientUuid, String address) {
        record(ActivityKey.use(clientUuid), address, null);
    }

    @Override
    public void refusal(String clientUuid, RefusalReason reason, String address, String error) {
        record(ActivityKey.refusal(clientUuid, reason), address, error);
    }

    private void record(ActivityKey key, String address, String error) {
        if (!ledger.record(key, address, error)) return;
        try {
            writer.execute(() -> write(ledger.take(key)));
        } catch (RejectedExecutionException stopping) {
            // The node is stopping: close() writes what is pending.
        }
    }

    private void sweep() {
        try {
            for (ActivityKey key : ledger.dueKeys()) write(ledger.take(key));
        } catch (RuntimeException e) {
            LOG.warn("Writing API-client activity failed", e);
        }
    }

    private void write(ActivityLedger.Batch batch) {
        if (batch == null) return;
        try {
            store(batch);
        } catch (RuntimeException first) {
            // Another node may have inserted the same row between our update and insert: once more finds it.
            try {
                store(batch);
            } catch (RuntimeException second) {
                if (clientExists(batch.key().clientUuid())) {
                    LOG.warnf("Could not record the activity of client %s (%s); it is left out", batch.key().clientUuid(),
                            second.getMessage());
                } else {
                    LOG.debugf("Activity of client %s left out: the client was deleted meanwhile", batch.key().clientUuid());
                }
            }
        } finally {
            ledger.finished(batch);
        }
    }

    private void store(ActivityLedger.Batch batch) {
        KeycloakModelUtils.runJobInTransaction(sessions, session -> {
            ActivityStore store = new ActivityStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
            ActivityKey key = batch.key();
            if (key.isUse()) store.addUses(key.clientUuid(), batch.sightings(), clock.millis());
            else store.addRefusals(key.clientUuid(), key.refusal(), batch.sightings(), clock.millis());
        });
    }

    private boolean clientExists(String clientUuid) {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(sessions, session -> ActivityStore.number(
                    session.getProvider(JpaConnectionProvider.class).getEntityManager()
                            .createNativeQuery("SELECT COUNT(*) FROM CLIENT WHERE ID = ?1")
                            .setParameter(1, clientUuid)
                            .getSingleResult()) > 0);
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** Stops the writer and writes what is still pending, as far as the database still answers. */
    void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) writer.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ActivityLedger.Batch batch : ledger.takeAll()) {
            try {
                store(batch);
            } catch (RuntimeException e) {
                LOG.debugf("Activity of client %s not written at shutdown: %s", batch.key().clientUuid(), e.getMessage());
            }
        }
    }
}
