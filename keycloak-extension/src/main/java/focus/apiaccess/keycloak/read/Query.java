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

    static WebApplicationException bad(String name, String message) {
        return new WebApplicationException(Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "invalid_request", "error_description", name + " " + message, "field", name))
                .build());
    }
}
