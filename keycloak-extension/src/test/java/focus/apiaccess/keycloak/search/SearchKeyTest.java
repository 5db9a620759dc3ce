package focus.apiaccess.keycloak.search;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchKeyTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" folds to \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            Eaglebe                   | eaglebe
            EAGLEBE Création          | eaglebe creation
            Zürich  Noord             | zurich noord
            ÉÈÊË ÀÁÂÄ Ç Ñ Ø           | eeee aaaa c n ø
            ﬁnance ①                  | finance 1
            'tab\there'               | tab here
            'İstanbul'                | istanbul
            """)
    void foldsCaseAccentsAndSpaces(String text, String folded) {
        assertEquals(folded, SearchKey.fold(text));
    }

    private static boolean matches(String name, String clientId, String term) {
        String pattern = SearchKey.likePattern(term);
        // The LIKE pattern as a regular expression: % any run, _ any character, ! escapes.
        String regex = pattern.replace("!%", "\u0001").replace("!_", "\u0002").replace("!!", "\u0003");
        StringBuilder regexText = new StringBuilder();
        for (char c : regex.toCharArray()) {
            switch (c) {
                case '%' -> regexText.append(".*");
                case '_' -> regexText.append('.');
                case '\u0001' -> regexText.append("%");
                case '\u0002' -> regexText.append("_");
                case '\u0003' -> regexText.append("!");
                default -> regexText.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regexText.toString(), Pattern.DOTALL).matcher(SearchKey.of(name, clientId)).matches();
    }

    @ParameterizedTest(name = "[{index}] \"{2}\" finds {0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            holdout-race-1796126455763 | api-holdout-race-17961264-k3q7xm | holdout-race-1796126455763 | true
            holdout-race-1796126455763 | api-holdout-race-17961264-k3q7xm | race                       | true
            Gemeente Zürich Noord      | api-gemeente-zurich-noor-abcdef  | zurich                     | true
            Gemeente Zurich Noord      | api-gemeente-zurich-noor-abcdef  | ZÜRICH                     | true
            Gemeente Zürich Noord      | api-gemeente-zurich-noor-abcdef  | é                          | true
            Eaglebe                    | api-eaglebe-k3q7xm               | é                          | true
            Eaglebe                    | api-eaglebe-k3q7xm               | K3Q7                       | true
            Paul                       | api-paul-abcdkm                  | é                          | false
            Vendor                     | api-vendor-abcdef                | 100%                       | false
            Vendor 100%                | api-vendor-100-abcdef            | 100%                       | true
            Vendor_1                   | api-vendor-1-abcdef              | r_1                        | true
            Vendor-1                   | api-vendor-1-abcdef              | or_1                       | false
            Noord                      | api-noord-abcdef                 | noord api                  | false
            """)
    void aTermMatchesAnyPartOfNameOrClientIdButNeverAcrossBoth(String name, String clientId, String term, boolean found) {
        assertEquals(found, matches(name, clientId, term));
    }

    @Test
    void aTermThatFoldsToNothingIsNoFilter() {
        assertNull(SearchKey.likePattern("  \u0301 "));
        assertTrue(SearchKey.likePattern("a").startsWith("%"));
    }

    @Test
    void keysFitTheColumn() {
        String name = "ﬀ".repeat(700);
        assertEquals(SearchKey.MAX_LENGTH, SearchKey.of(name, "api-x").length());
        assertFalse(SearchKey.of("a", "b").contains(" b"));
    }
}
