package focus.apiaccess.keycloak.read;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import focus.apiaccess.keycloak.search.ClientIndex;
import focus.apiaccess.keycloak.search.IndexCache;

/**
 * The provisioner's read endpoint {@code /realms/{realm}/}{@value #PROVIDER_ID}: one page of managed API clients with
 * their last use and a total, searched by any part of name or Client ID; a client's activity. It also keeps the
 * search index in step with every client change (Keycloak's {@link ClientModel.ClientUpdatedEvent}, sent on create
 * and update inside their transaction, and {@link ClientModel.ClientRemovedEvent}) and repairs it once the server
 * has started; this node's copy of the index in memory is {@link IndexCache}.
 */
public class ReadResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "focus-api-access";
    private static final Logger LOG = Logger.getLogger(ReadResourceProviderFactory.class);

    private final IndexCache cache = new IndexCache();

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new ReadResource(session, cache);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof ClientModel.ClientUpdatedEvent updated) {
                index(updated.getKeycloakSession()).update(updated.getUpdatedClient());
            } else if (event instanceof ClientModel.ClientRemovedEvent removed) {
                index(removed.getKeycloakSession()).removed(removed.getClient());
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                index(created.getKeycloakSession()).realmCreated(created.getCreatedRealm().getId());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                index(removed.getKeycloakSession()).realmRemoved(removed.getRealm().getId());
            } else if (event instanceof PostMigrationEvent) {
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, session -> {
                        int changed = index(session).repair();
                        if (changed > 0) LOG.infof("API-client search index: %d rows added, corrected or removed", changed);
                    });
                } catch (RuntimeException e) {
                    // Another node starting at the same moment repairs it; searches still work without a generation.
                    LOG.warnf("API-client search index not repaired at start: %s", e.getMessage());
                }
            }
        });
    }

    private static ClientIndex index(KeycloakSession session) {
        return new ClientIndex(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
