package focus.apiaccess.keycloak.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ClientStateTest {

    private static final ClientState BEFORE = new ClientState("api-x", "Eaglebe", true, "", List.of("openhappening-eaglebe"));

    private static List<HistoryAction> actions(ClientState after) {
        return after.changesSince(BEFORE).stream().map(ClientState.Change::action).toList();
    }

    @Test
    void nothingFollowedChangedIsNoEntry() {
        assertEquals(List.of(), actions(BEFORE));
    }

    @Test
    void eachKindOfChangeIsOneEntryInAFixedOrder() {
        assertEquals(List.of(HistoryAction.RENAME), actions(new ClientState("api-x", "Eaglebe 2", true, "", BEFORE.services())));
        assertEquals(List.of(HistoryAction.DISABLE), actions(new ClientState("api-x", "Eaglebe", false, "", BEFORE.services())));
        assertEquals(List.of(HistoryAction.RENAME, HistoryAction.SERVICES, HistoryAction.IP_RANGES, HistoryAction.DISABLE),
                actions(new ClientState("api-x", "Eaglebe 2", false, "10.0.0.0/8", List.of())));
    }

    @Test
    void recordsOnlyTheValuesItTouched() {
        ClientState.Change change = new ClientState("api-x", "Eaglebe", true, "192.0.2.0/24", BEFORE.services())
                .changesSince(BEFORE).get(0);
        assertEquals(Map.of("ipRanges", ""), change.before());
        assertEquals(Map.of("ipRanges", "192.0.2.0/24"), change.after());
        ClientState enabled = new ClientState("api-x", "Eaglebe", false, "", BEFORE.services());
        assertEquals(List.of(HistoryAction.ENABLE), BEFORE.changesSince(enabled).stream().map(ClientState.Change::action).toList());
    }
}
