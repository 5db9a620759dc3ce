package focus.apiaccess.keycloak.read;

import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Query parameters read strictly: a bad one is a 400 naming it, never a 500. */
final class Query {

    private Query() {
    }

    static int whole(String name, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isEmpty()) return fallback;
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw bad(name, "must be a whole number");
        }
        if (value < min || value > max) throw bad(name, "must be between " + min + " and " + max);
        return value;
    }

    /** Free text, trimmed; empty is absent. */
    static String text(String name, String raw, int maxCharacters) {
        if (raw == null || raw.isBlank()) return null;
        String value = raw.strip();
        if (value.codePointCount(0, value.length()) > maxCharacters) throw bad(name, "must be at most " + maxCharacters + " characters");
        return value;
    }

    /** A time in epoch milliseconds. */
    static Long time(String name, String raw) {
        if (raw == null || raw.isEmpty()) return null;
        try {
            long value = Long.parseLong(raw);
            if (value < 0) throw bad(name, "must be a time in milliseconds since 1970");
            return value;
        } catch (NumberFormatException e) {
            throw bad(name, "must be a time in milliseconds since 1970");
        }
    }

    static WebApplicationException bad(String name, String message) {
        return new WebApplicationException(Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "invalid_request", "error_description", name + " " + message, "field", name))
                .build());
    }
}
