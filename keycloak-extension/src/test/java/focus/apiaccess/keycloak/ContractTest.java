package focus.apiaccess.keycloak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import focus.apiaccess.keycloak.history.Actor;
import focus.apiaccess.keycloak.history.ClientState;
import focus.apiaccess.keycloak.history.HistoryAction;
import focus.apiaccess.keycloak.exclusion.AddressExclusionExecutorFactory;
import focus.apiaccess.keycloak.history.HistoryExecutorFactory;
import focus.apiaccess.keycloak.guard.ActingProvisionerConditionFactory;
import focus.apiaccess.keycloak.guard.ProvisionerGuardExecutorFactory;
import focus.apiaccess.keycloak.iprange.IpRangeExecutorFactory;
import focus.apiaccess.keycloak.secret.SecretGenerationExecutor;
import focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory;
import focus.apiaccess.keycloak.secret.SecretNoExpiryExecutorFactory;
import focus.apiaccess.keycloak.secret.SecretDigestAuthenticatorFactory;
import focus.apiaccess.keycloak.secret.StoredSecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(contract.path("addressExclusionExecutor").asText(), AddressExclusionExecutorFactory.PROVIDER_ID);
        assertEquals(contract.path("confirmExcludedAddressesHeader").asText(), AddressExclusionExecutorFactory.CONFIRM_HEADER);
        assertEquals(contract.path("apiClientAttributes").path("ipRanges").asText(), IpRangeExecutorFactory.IP_RANGES_ATTRIBUTE);
        assertEquals(contract.path("secretGenerationExecutor").asText(), SecretGenerationExecutorFactory.PROVIDER_ID);
        assertEquals(contract.path("apiClientAttributes").path("credentialsRequest").asText(),
                SecretGenerationExecutorFactory.CREDENTIALS_REQUEST_ATTRIBUTE);
        assertEquals(contract.path("credentialsRequestAtCreation").asText(), SecretGenerationExecutor.AT_CREATION);
        assertEquals(contract.path("apiClientAttributes").path("credentialsUndelivered").asText(),
                SecretGenerationExecutorFactory.CREDENTIALS_UNDELIVERED_ATTRIBUTE);
        assertEquals(contract.path("apiClientAttributes").path("credentialsGeneratedBy").asText(),
                SecretGenerationExecutorFactory.CREDENTIALS_GENERATED_BY_ATTRIBUTE);
        assertEquals(contract.path("apiClientAttributes").path("credentialsGeneratedAt").asText(),
                SecretGenerationExecutorFactory.CREDENTIALS_GENERATED_AT_ATTRIBUTE);
    }

    @Test
    void keepsSecretsUnderTheSharedNames() throws IOException {
        JsonNode contract = contract();
        JsonNode attributes = contract.path("apiClientAttributes");
        assertEquals(contract.path("secretAuthenticator").asText(), SecretDigestAuthenticatorFactory.PROVIDER_ID);
        assertEquals(contract.path("secretLifetimeHeader").asText(), SecretGenerationExecutor.LIFETIME_HEADER_NAME);
        assertEquals(attributes.path("secretDigest").asText(), StoredSecrets.DIGEST);
        assertEquals(attributes.path("previousSecretDigest").asText(), StoredSecrets.PREVIOUS_DIGEST);
        assertEquals(attributes.path("previousSecretValidUntil").asText(), StoredSecrets.PREVIOUS_VALID_UNTIL);
        assertEquals(attributes.path("secretExpiresAt").asText(), StoredSecrets.EXPIRES_AT);
        assertEquals(attributes.path("endPreviousSecret").asText(), SecretGenerationExecutorFactory.END_PREVIOUS_ATTRIBUTE);
        for (String key : List.of("secretDigest", "previousSecretDigest", "previousSecretValidUntil", "secretExpiresAt")) {
            assertTrue(attributes.path(key).asText().startsWith(StoredSecrets.PREFIX), key);
        }
        for (JsonNode days : contract.path("secretLifetimeChoicesDays")) {
            assertTrue(days.asInt() >= 1 && days.asInt() <= SharedLimits.SECRET_LIFETIME_MAX_DAYS, days.asText());
        }
    }

    @Test
    void guardsTheProvisionerWithTheSharedNames() throws IOException {
        JsonNode contract = contract();
        assertEquals(contract.path("provisionerGuardExecutor").asText(), ProvisionerGuardExecutorFactory.PROVIDER_ID);
        assertEquals(contract.path("actingProvisionerCondition").asText(), ActingProvisionerConditionFactory.PROVIDER_ID);
        assertEquals(contract.path("clients").path("provisioner").asText(), ActingProvisionerConditionFactory.DEFAULT_CLIENT_ID);
        assertEquals(contract.path("apiClientAttributes").path("managed").asText(), ProvisionerGuardExecutorFactory.MANAGED_ATTRIBUTE);
        assertEquals(contract.path("markerValue").asText(), ProvisionerGuardExecutorFactory.MARKER_VALUE);
    }

    @Test
    void keepsTheHistoryWithTheSharedNames() throws IOException {
        JsonNode contract = contract();
        assertEquals(contract.path("historyExecutor").asText(), HistoryExecutorFactory.PROVIDER_ID);
        JsonNode history = contract.path("history");
        assertEquals(contract.path("serviceAttributes").path("marker").asText(), ClientState.SERVICE_MARKER);
        assertEquals(contract.path("markerValue").asText(), ClientState.SERVICE_VALUE);
        assertEquals(history.path("retentionDays").asInt(), HistoryExecutorFactory.DEFAULT_RETENTION_DAYS);
        assertEquals(history.path("actingSubjectHeader").asText(), Actor.SUBJECT_HEADER);
        assertEquals(history.path("actingUsernameHeader").asText(), Actor.USERNAME_HEADER);
        assertEquals(history.path("requestIdHeader").asText(), Actor.REQUEST_ID_HEADER);
        List<String> actions = new java.util.ArrayList<>();
        history.path("actions").forEach(a -> actions.add(a.asText()));
        assertEquals(actions, java.util.Arrays.stream(HistoryAction.values()).map(a -> a.code).toList());
    }

    @Test
    void buildsAgainstThePinnedKeycloak() throws IOException {
        assertEquals(contract().path("keycloakVersion").asText(), System.getProperty("focus.keycloak.version"));
    }

    private static List<String> registered(String spi) throws IOException {
        Path services = Path.of("src", "main", "resources", "META-INF", "services", spi);
        return Files.readAllLines(services).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void registersEveryExecutorConditionAndAuthenticatorWithKeycloak() throws IOException {
        assertEquals(List.of(SecretDigestAuthenticatorFactory.class.getName()), registered("org.keycloak.authentication.ClientAuthenticatorFactory"));
        assertEquals(List.of(IpRangeExecutorFactory.class.getName(), SecretNoExpiryExecutorFactory.class.getName(),
                        SecretGenerationExecutorFactory.class.getName(), ProvisionerGuardExecutorFactory.class.getName(),
                        HistoryExecutorFactory.class.getName(),
                        AddressExclusionExecutorFactory.class.getName()),
                registered("org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory"));
        assertEquals(List.of(ActingProvisionerConditionFactory.class.getName()),
                registered("org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProviderFactory"));
    }
}
