package focus.apiaccess.keycloak.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.keycloak.models.ClientModel;

import focus.apiaccess.keycloak.secret.StoredSecrets;

/**
 * A managed API client as the read endpoint shows it. Its attributes pass an allow-list: ours ({@code focus.*}) but
 * the secrets' digests, and the secret's times. {@code client.secret.rotated} (a previous secret in clear text of a
 * client from before digests), the digests and anything else never do.
 */
final class ClientView {

    static final List<String> SECRET_TIMES = List.of(
            "client.secret.creation.time", "client.secret.expiration.time", "client.secret.rotated.expiration.time");

    private ClientView() {
    }

    static boolean shown(String attribute) {
        if (attribute.equals(StoredSecrets.DIGEST) || attribute.equals(StoredSecrets.PREVIOUS_DIGEST)) return false;
        return attribute.startsWith("focus.") || SECRET_TIMES.contains(attribute);
    }

    static Map<String, Object> of(ClientModel client) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("id", client.getId());
        rep.put("clientId", client.getClientId());
        if (client.getName() != null) rep.put("name", client.getName());
        rep.put("enabled", client.isEnabled());
        Map<String, String> attributes = new TreeMap<>();
        client.getAttributes().forEach((key, value) -> {
            if (value != null && shown(key)) attributes.put(key, value);
        });
        rep.put("attributes", attributes);
        List<String> scopes = new ArrayList<>(client.getClientScopes(true).keySet());
        scopes.sort(null);
        rep.put("defaultClientScopes", scopes);
        return rep;
    }
}
