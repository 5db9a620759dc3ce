package focus.apiaccess.keycloak.search;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IndexCacheTest {

    /** Client "api-c-NN" named "Client NN Zürich" for NN in 00..24, ordered by Client ID as the table gives them. */
    private static final List<ClientIndex.Entry> ENTRIES = new ArrayList<>();

    static {
        for (int i = 0; i < 25; i++) {
            String nn = String.format("%02d", i);
            ENTRIES.add(new ClientIndex.Entry("id-" + nn, "api-c-" + nn, SearchKey.of("Client " + nn + " Zürich", "api-c-" + nn)));
        }
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" first {1} max {2}: {3} of {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # term        | first | max | ids on the page            | total
            -             | 0     | 3   | id-00 id-01 id-02          | 25
            '   '         | 20    | 10  | id-20 id-21 id-22 id-23 id-24 | 25
            ZURICH        | 23    | 10  | id-23 id-24                | 25
            client 1      | 0     | 20  | id-10 id-11 id-12 id-13 id-14 id-15 id-16 id-17 id-18 id-19 | 10
            api-c-07      | 0     | 20  | id-07                      | 1
            07 zürich     | 0     | 20  | id-07                      | 1
            zürich api    | 0     | 20  | ''                         | 0
            client 1      | 30    | 20  | ''                         | 10
            """)
    void pagesWhatHoldsTheTermInNameOrClientId(String term, int first, int max, String ids, long total) {
        ClientIndex.Page page = IndexCache.page(ENTRIES, term, first, max);
        assertEquals(ids.isBlank() ? List.of() : List.of(ids.trim().split(" ")), page.ids());
        assertEquals(total, page.total());
    }
}
