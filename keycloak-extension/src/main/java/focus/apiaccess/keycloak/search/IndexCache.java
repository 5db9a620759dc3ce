package focus.apiaccess.keycloak.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's copy of each realm's search index: a search is a scan of at most some ten thousand short strings in
 * memory (about a millisecond), instead of a {@code LIKE} over the table in the database. Before each search the
 * realm's generation is read (one primary-key lookup); a copy of an older generation is loaded again, so a change on
 * any node shows at once on every node.
 */
public final class IndexCache {

    private record Snapshot(long generation, List<ClientIndex.Entry> entries) {
    }

    private final ConcurrentHashMap<String, Snapshot> byRealm = new ConcurrentHashMap<>();

    /** Like {@link ClientIndex#searchInDatabase}, from memory while the realm's generation holds. */
    public ClientIndex.Page search(ClientIndex index, String realmId, String term, int first, int max) {
        Long generation = index.generation(realmId);
        if (generation == null) return index.searchInDatabase(realmId, term, first, max);
        Snapshot snapshot = byRealm.get(realmId);
        if (snapshot == null || snapshot.generation() != generation) {
            snapshot = new Snapshot(generation, List.copyOf(index.entries(realmId)));
            byRealm.put(realmId, snapshot);
        }
        return page(snapshot.entries(), term, first, max);
    }

    /** The page of {@code entries} (ordered by Client ID) whose key holds the folded term, and how many do. */
    static ClientIndex.Page page(List<ClientIndex.Entry> entries, String term, int first, int max) {
        String folded = SearchKey.fold(term);
        long total = 0;
        List<String> ids = new ArrayList<>();
        for (ClientIndex.Entry entry : entries) {
            if (!folded.isEmpty() && !entry.key().contains(folded)) continue;
            if (total >= first && ids.size() < max) ids.add(entry.id());
            total++;
        }
        return new ClientIndex.Page(total, ids);
    }
}
