package focus.apiaccess.keycloak.activity;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Event listener {@value #PROVIDER_ID}: records when each managed API client last got a token and from which
 * addresses, and its refused token requests by reason, with at most one database write per client (and refusal
 * reason) per interval on each node. Listed in the realm's event listeners; the realm itself stores no events.
 *
 * <p>Options: {@code --spi-events-listener--focus-api-activity--last-use-interval=<seconds>} (default
 * {@value #DEFAULT_USE_INTERVAL_SECONDS}) and {@code --spi-events-listener--focus-api-activity--refusal-interval=<seconds>}
 * (default {@value #DEFAULT_REFUSAL_INTERVAL_SECONDS}).
 */
public class ActivityListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "focus-api-activity";
    static final String USE_INTERVAL = "last-use-interval";
    static final String REFUSAL_INTERVAL = "refusal-interval";
    static final int DEFAULT_USE_INTERVAL_SECONDS = 300;
    static final int DEFAULT_REFUSAL_INTERVAL_SECONDS = 60;
    /** Address entries one node holds in memory before further new addresses are only counted (about 100 bytes each). */
    static final int MAX_PENDING_ADDRESSES = 50_000;
    private static final long LONGEST_SWEEP_MS = 5_000;

    private long useIntervalMs;
    private long refusalIntervalMs;
    private ActivityRecorder recorder;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new ActivityListener(session, recorder);
    }

    @Override
    public void init(Config.Scope config) {
        useIntervalMs = seconds(config, USE_INTERVAL, DEFAULT_USE_INTERVAL_SECONDS) * 1000L;
        refusalIntervalMs = seconds(config, REFUSAL_INTERVAL, DEFAULT_REFUSAL_INTERVAL_SECONDS) * 1000L;
    }

    private static int seconds(Config.Scope config, String name, int fallback) {
        Integer value = config.getInt(name, fallback);
        if (value == null || value < 1) {
            throw new IllegalArgumentException("--spi-events-listener--" + PROVIDER_ID + "--" + name + " must be a whole number of seconds ≥ 1");
        }
        return value;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        ActivityLedger.Clock clock = System::currentTimeMillis;
        ActivityLedger ledger = new ActivityLedger(useIntervalMs, refusalIntervalMs, ActivityContract.RECENT_ADDRESSES,
                MAX_PENDING_ADDRESSES, clock);
        long sweepMs = Math.min(LONGEST_SWEEP_MS, Math.min(useIntervalMs, refusalIntervalMs));
        recorder = new ActivityRecorder(factory, ledger, clock, sweepMs);
        recorder.start();
    }

    @Override
    public void close() {
        if (recorder != null) recorder.close();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(USE_INTERVAL).type("int").defaultValue(DEFAULT_USE_INTERVAL_SECONDS)
                .helpText("Seconds between two writes of one API client's last use on one node").add()
                .property().name(REFUSAL_INTERVAL).type("int").defaultValue(DEFAULT_REFUSAL_INTERVAL_SECONDS)
                .helpText("Seconds between two writes of one API client's refusals (per reason) on one node").add()
                .build();
    }
}
