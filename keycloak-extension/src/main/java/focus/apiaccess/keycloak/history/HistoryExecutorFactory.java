package focus.apiaccess.keycloak.history;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;
import org.keycloak.timer.TimerProvider;

import focus.apiaccess.keycloak.guard.ActingProvisionerConditionFactory;

/**
 * Client-policy executor that keeps the history of API clients ({@link HistoryExecutor}), and the history's
 * retention: entries older than {@value #RETENTION_OPTION} days (default {@value #DEFAULT_RETENTION_DAYS}) are
 * removed at start and once a day by every node (the same delete on two nodes removes nothing twice).
 */
public class HistoryExecutorFactory implements ClientPolicyExecutorProviderFactory {

    public static final String PROVIDER_ID = "focus-history";
    public static final String RETENTION_OPTION = "retention-days";
    public static final int DEFAULT_RETENTION_DAYS = 400;
    private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;
    private static final Logger LOG = Logger.getLogger(HistoryExecutorFactory.class);

    private int retentionDays = DEFAULT_RETENTION_DAYS;

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new HistoryExecutor(session, ActingProvisionerConditionFactory.DEFAULT_CLIENT_ID);
    }

    @Override
    public void init(Config.Scope config) {
        retentionDays = config.getInt(RETENTION_OPTION, DEFAULT_RETENTION_DAYS);
        if (retentionDays < 1) throw new IllegalArgumentException(PROVIDER_ID + ": " + RETENTION_OPTION + " must be at least 1");
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (!(event instanceof PostMigrationEvent)) return;
            prune(factory);
            try (KeycloakSession session = factory.create()) {
                TimerProvider timer = session.getProvider(TimerProvider.class);
                timer.schedule(() -> prune(factory), DAY_MILLIS, DAY_MILLIS, "focus-history-retention");
            }
        });
    }

    private void prune(KeycloakSessionFactory factory) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, this::prune);
        } catch (RuntimeException e) {
            LOG.warnf("API-client history: old entries not removed: %s", e.getMessage());
        }
    }

    private void prune(KeycloakSession session) {
        long before = Time.currentTimeMillis() - retentionDays * DAY_MILLIS;
        int removed = new HistoryStore(session.getProvider(JpaConnectionProvider.class).getEntityManager()).prune(before);
        if (removed > 0) LOG.infof("API-client history: %d entries older than %d days removed", removed, retentionDays);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Appends every change of an API client to its history, in the same transaction as the change; names the "
                + "person the provisioner acts for. Retention: --spi-client-policy-executor--" + PROVIDER_ID + "--"
                + RETENTION_OPTION + " (days, default " + DEFAULT_RETENTION_DAYS + ").";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create().build();
    }
}
