package focus.apiaccess.keycloak.search;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a search compares: text folded so that case and accents do not matter ("Création" and "creation" fold alike,
 * so do "ﬁ" and "fi"). A client's key holds its folded name and Client ID; a search matches when its folded term occurs
 * anywhere in the key.
 */
public final class SearchKey {

    /** Longest stored key: the column's size. Folding can lengthen text (NFKD), so the key is cut to fit. */
    public static final int MAX_LENGTH = 1024;
    /** Between name and Client ID; folding turns every whitespace in a term into a space, so no term spans both. */
    private static final char SEPARATOR = '\n';
    private static final char ESCAPE = '!';
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Cc}\\p{Cf}\\p{Z}]+");

    private SearchKey() {
    }

    /** Compatibility decomposition without combining marks, lower case, runs of white space as one space. */
    public static String fold(String text) {
        if (text == null) return "";
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String bare = MARKS.matcher(decomposed).replaceAll("");
        return SPACES.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** The stored key of a client. */
    public static String of(String name, String clientId) {
        String key = fold(name) + SEPARATOR + fold(clientId);
        return key.length() <= MAX_LENGTH ? key : key.substring(0, MAX_LENGTH);
    }

    /** The SQL LIKE pattern (escape character {@value #ESCAPE}) for a search term; {@code null} when it folds to nothing. */
    public static String likePattern(String term) {
        String folded = fold(term);
        if (folded.isEmpty()) return null;
        StringBuilder pattern = new StringBuilder("%");
        for (char c : folded.toCharArray()) {
            if (c == '%' || c == '_' || c == ESCAPE) pattern.append(ESCAPE);
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }

    public static String escapeClause() {
        return "ESCAPE '" + ESCAPE + "'";
    }
}
