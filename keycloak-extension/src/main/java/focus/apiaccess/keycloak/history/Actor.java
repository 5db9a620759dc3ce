package focus.apiaccess.keycloak.history;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.HttpHeaders;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import focus.apiaccess.keycloak.guard.ActingProvisionerCondition;

/**
 * Who made a change: the person behind it and, when a service acted on that person's behalf, the service account.
 *
 * <p>The caller is the user of the admin request's token. Only the provisioner's service account may name a person
 * ({@value #SUBJECT_HEADER}, {@value #USERNAME_HEADER}): it verified that person's token, and its history entries
 * would otherwise all name itself. The same headers from anyone else are ignored, so nobody can write another
 * person's name into the history. Their values are percent-encoded UTF-8 (a header carries Latin-1 at most; names
 * may not).
 */
public record Actor(String subject, String username, String via) {

    public static final String SUBJECT_HEADER = "Focus-Acting-Subject";
    public static final String USERNAME_HEADER = "Focus-Acting-Username";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** Printable characters without controls, as a token's sub and preferred_username are; bounded for the table. */
    static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,255}");
    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Unknown caller: a change without an authenticated user (a registration access token). */
    public static final Actor UNKNOWN = new Actor("", "(registration token)", null);

    /** Why a request's naming of a person cannot be used: the change is refused rather than recorded wrongly. */
    public static class InvalidActor extends Exception {
        public InvalidActor(String message) {
            super(message);
        }
    }

    public static Actor of(UserModel caller, RealmModel realm, String provisionerClientId, HttpHeaders headers) throws InvalidActor {
        if (caller == null) return UNKNOWN;
        String callerName = caller.getUsername();
        if (!ActingProvisionerCondition.isServiceAccountOf(caller, realm, provisionerClientId)) {
            return new Actor(caller.getId(), callerName, null);
        }
        String subject = decoded(header(headers, SUBJECT_HEADER));
        String username = decoded(header(headers, USERNAME_HEADER));
        if (subject == null && username == null) return new Actor(caller.getId(), callerName, null);
        if (subject == null || username == null || !NAME.matcher(subject).matches() || !NAME.matcher(username).matches()) {
            throw new InvalidActor("history_actor_invalid: " + SUBJECT_HEADER + " and " + USERNAME_HEADER
                    + " must come together, each 1 to 255 printable characters");
        }
        return new Actor(subject, username, callerName);
    }

    /** The request's id when it is a plain one; anything else is left out rather than stored. */
    public static String requestId(HttpHeaders headers) {
        String id = header(headers, REQUEST_ID_HEADER);
        return id != null && REQUEST_ID.matcher(id).matches() ? id : null;
    }

    private static String decoded(String value) throws InvalidActor {
        if (value == null) return null;
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidActor("history_actor_invalid: " + SUBJECT_HEADER + " and " + USERNAME_HEADER
                    + " must be percent-encoded UTF-8");
        }
    }

    private static String header(HttpHeaders headers, String name) {
        if (headers == null) return null;
        String value = headers.getHeaderString(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
