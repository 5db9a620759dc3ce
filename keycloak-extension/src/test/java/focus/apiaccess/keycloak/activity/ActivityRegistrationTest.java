package focus.apiaccess.keycloak.activity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import focus.apiaccess.keycloak.read.ReadResourceProviderFactory;
import focus.apiaccess.keycloak.search.ClientIndex;
import focus.apiaccess.keycloak.storage.ExtensionTablesFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The listener, the read endpoint and the tables use the contract's names and are registered with Keycloak. */
class ActivityRegistrationTest {

    private static JsonNode contract() throws IOException {
        return new ObjectMapper().readTree(Path.of("..", "contract", "contract.json").toFile());
    }

    private static List<String> registered(String spi) throws IOException {
        Path services = Path.of("src", "main", "resources", "META-INF", "services", spi);
        return Files.readAllLines(services).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void usesTheSharedNames() throws IOException {
        JsonNode contract = contract();
        assertEquals(contract.path("activityListener").asText(), ActivityListenerFactory.PROVIDER_ID);
        assertEquals(contract.path("readEndpoint").asText(), ReadResourceProviderFactory.PROVIDER_ID);
        assertEquals(contract.path("apiClientAttributes").path("managed").asText(), ActivityListener.MANAGED_ATTRIBUTE);
        assertEquals(contract.path("apiClientAttributes").path("managed").asText(), ClientIndex.MANAGED_ATTRIBUTE);
        assertEquals(contract.path("markerValue").asText(), ActivityListener.MANAGED_VALUE);
        assertEquals(contract.path("markerValue").asText(), ClientIndex.MANAGED_VALUE);
    }

    @Test
    void registersTheListenerTheEndpointAndTheTables() throws IOException {
        assertEquals(List.of(ActivityListenerFactory.class.getName()), registered("org.keycloak.events.EventListenerProviderFactory"));
        assertEquals(List.of(ReadResourceProviderFactory.class.getName()),
                registered("org.keycloak.services.resource.RealmResourceProviderFactory"));
        assertEquals(List.of(ExtensionTablesFactory.class.getName()),
                registered("org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory"));
        assertNotNull(getClass().getClassLoader().getResource(ExtensionTablesFactory.CHANGELOG));
    }
}
