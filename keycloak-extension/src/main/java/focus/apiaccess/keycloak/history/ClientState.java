package focus.apiaccess.keycloak.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;

import focus.apiaccess.keycloak.iprange.IpRangeExecutorFactory;

/**
 * What the history follows of an API client: its name, whether it is enabled, its IP ranges and services (default
 * client scopes that carry the service marker). Never a secret, nor any other attribute.
 */
public record ClientState(String clientId, String name, boolean enabled, String ipRanges, List<String> services) {

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
                ranges == null ? "" : ranges, List.copyOf(services));
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
        return changes;
    }

    private static Change change(HistoryAction action, String key, Object before, Object after) {
        return new Change(action, Map.of(key, before), Map.of(key, after));
    }
}
