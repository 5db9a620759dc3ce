package focus.apiaccess.keycloak.storage;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

import focus.apiaccess.keycloak.NoLifecycle;

/**
 * Brings the extension's tables into Keycloak's database with Keycloak's own schema migration (Liquibase): the search
 * index of API clients and their activity. There are no JPA entities: the tables are read and written with plain
 * SQL, so nothing of this joins Keycloak's caches.
 */
public class ExtensionTablesFactory implements JpaEntityProviderFactory, NoLifecycle<JpaEntityProvider> {

    public static final String PROVIDER_ID = "focus-api-access";
    public static final String CHANGELOG = "META-INF/focus-api-access-changelog.xml";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new JpaEntityProvider() {
            @Override
            public List<Class<?>> getEntities() {
                return List.of();
            }

            @Override
            public String getChangelogLocation() {
                return CHANGELOG;
            }

            @Override
            public String getFactoryId() {
                return PROVIDER_ID;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
