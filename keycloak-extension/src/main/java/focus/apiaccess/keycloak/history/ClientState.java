package focus.apiaccess.keycloak.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;

import focus.apiaccess.keycloak.iprange.IpRangeExecutorFactory;
import focus.apiaccess.keycloak.secret.StoredSecrets;

/**
 * What the history follows of an API client: its name, whether it is enabled, its IP ranges and services (default
 * client scopes that carry the service marker), and the times its secrets end (epoch ms). Never a secret nor a digest
 * of one, nor any other attribute.
 */
public record ClientState(String clientId, String name, boolean enabled, String ipRanges, List<String> services,
                          Long secretExpiresAt, Long previousSecretValidUntil) {

    public ClientState(String clientId, String name, boolean enabled, String ipRanges, List<String> services) {
        this(clientId, name, enabled, ipRanges, services, null, null);
    }

    /** The service marker on a client scope (contract.json {@code serviceAttributes.marker}). */
    public static final String SERVICE_MARKER = "focus.service";
    public static final String SERVICE_VALUE = "true";

    public static ClientState of(ClientModel client) {
        List<String> services = new ArrayList<>();
        for (ClientScopeModel scope : client.getClientScopes(true).values()) {
            if (SERVICE_VALUE.equals(scope.getAttribute(SERVICE_MARKER))) services.add(scope.getName());
        }
        services.sort(null);
        String ranges = client.getAttribute(IpRangeExecutorFactory.IP_RANGES_ATTRIBUTE);
        return new ClientState(client.getClientId(), client.getName() == null ? "" : client.getName(), client.isEnabled(),
                ranges == null ? "" : ranges, List.copyOf(services), millis(client.getAttribute(StoredSecrets.EXPIRES_AT)),
                millis(client.getAttribute(StoredSecrets.PREVIOUS_VALID_UNTIL)));
    }

    /** Epoch seconds as stored, in milliseconds; unreadable or absent is none. */
    private static Long millis(String seconds) {
        if (seconds == null) return null;
        try {
            return Long.parseLong(seconds.strip()) * 1000;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** When the new secret of a generation ends, and until when the previous one works (both only when they do). */
    public Map<String, Object> secretTimes() {
        Map<String, Object> values = new LinkedHashMap<>();
        if (secretExpiresAt != null) values.put("secretExpiresAt", secretExpiresAt);
        if (previousSecretValidUntil != null) values.put("previousSecretValidUntil", previousSecretValidUntil);
        return values;
    }

    /** The whole state, as a create records it after and a delete before. */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("clientId", clientId);
        values.put("name", name);
        values.put("enabled", enabled);
        values.put("ipRanges", ipRanges);
        values.put("services", services);
        return values;
    }

    /** One kind of change with the values it touched before and after. */
    public record Change(HistoryAction action, Map<String, Object> before, Map<String, Object> after) {
    }

    /** The changes from {@code before} to this state, one per kind, in a fixed order; none when nothing followed changed. */
    public List<Change> changesSince(ClientState before) {
        List<Change> changes = new ArrayList<>();
        if (!Objects.equals(before.name, name)) changes.add(change(HistoryAction.RENAME, "name", before.name, name));
        if (!Objects.equals(before.services, services))
            changes.add(change(HistoryAction.SERVICES, "services", before.services, services));
        if (!Objects.equals(before.ipRanges, ipRanges))
            changes.add(change(HistoryAction.IP_RANGES, "ipRanges", before.ipRanges, ipRanges));
        if (before.enabled != enabled)
            changes.add(change(enabled ? HistoryAction.ENABLE : HistoryAction.DISABLE, "enabled", before.enabled, enabled));
        if (before.previousSecretValidUntil != null && previousSecretValidUntil == null)
            changes.add(new Change(HistoryAction.GRACE_ENDED, Map.of("previousSecretValidUntil", before.previousSecretValidUntil), Map.of()));
        if (!Objects.equals(before.secretExpiresAt, secretExpiresAt))
            changes.add(new Change(HistoryAction.EXPIRY_CHANGED, nullable("secretExpiresAt", before.secretExpiresAt),
                    nullable("secretExpiresAt", secretExpiresAt)));
        return changes;
    }

    private static Map<String, Object> nullable(String key, Object value) {
        return value == null ? Map.of() : Map.of(key, value);
    }

    private static Change change(HistoryAction action, String key, Object before, Object after) {
        return new Change(action, Map.of(key, before), Map.of(key, after));
    }
}
