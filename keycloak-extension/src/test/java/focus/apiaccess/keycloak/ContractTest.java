package focus.apiaccess.keycloak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import focus.apiaccess.keycloak.iprange.IpRangeExecutorFactory;
import focus.apiaccess.keycloak.secret.SecretNoExpiryExecutorFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The extension's names and Keycloak version must be the ones in contract/contract.json. */
class ContractTest {

    private static JsonNode contract() throws IOException {
        return new ObjectMapper().readTree(Path.of("..", "contract", "contract.json").toFile());
    }

    @Test
    void usesTheSharedProviderIdsAndAttribute() throws IOException {
        JsonNode contract = contract();
        assertEquals(contract.path("ipRangeExecutor").asText(), IpRangeExecutorFactory.PROVIDER_ID);
        assertEquals(contract.path("secretNoExpiryExecutor").asText(), SecretNoExpiryExecutorFactory.PROVIDER_ID);
        assertEquals(contract.path("apiClientAttributes").path("ipRanges").asText(), IpRangeExecutorFactory.IP_RANGES_ATTRIBUTE);
    }

    @Test
    void buildsAgainstThePinnedKeycloak() throws IOException {
        assertEquals(contract().path("keycloakVersion").asText(), System.getProperty("focus.keycloak.version"));
    }

    @Test
    void registersBothExecutorsWithKeycloak() throws IOException {
        Path services = Path.of("src", "main", "resources", "META-INF", "services",
                "org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory");
        List<String> registered = Files.readAllLines(services).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertEquals(List.of(IpRangeExecutorFactory.class.getName(), SecretNoExpiryExecutorFactory.class.getName()), registered);
    }
}
