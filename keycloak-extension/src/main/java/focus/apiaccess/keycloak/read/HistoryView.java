package focus.apiaccess.keycloak.read;

import java.util.LinkedHashMap;
import java.util.Map;

import focus.apiaccess.keycloak.history.HistoryStore;

/** One history entry as the endpoint answers it: the stored values only, which never include a secret. */
final class HistoryView {

    private HistoryView() {
    }

    static Map<String, Object> of(HistoryStore.Entry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", entry.id());
        view.put("time", entry.time());
        view.put("action", entry.action());
        view.put("clientUuid", entry.clientUuid());
        view.put("clientId", entry.clientId());
        view.put("clientName", entry.clientName());
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("subject", entry.actor().subject());
        actor.put("username", entry.actor().username());
        if (entry.actor().via() != null) actor.put("via", entry.actor().via());
        view.put("actor", actor);
        if (entry.before() != null) view.put("before", entry.before());
        if (entry.after() != null) view.put("after", entry.after());
        view.put("outcome", entry.outcome());
        if (entry.error() != null) view.put("error", entry.error());
        if (entry.requestId() != null) view.put("requestId", entry.requestId());
        return view;
    }
}
