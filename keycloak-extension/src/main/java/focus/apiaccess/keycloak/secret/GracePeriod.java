package focus.apiaccess.keycloak.secret;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientPolicyExecutorRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;

import focus.apiaccess.keycloak.SharedLimits;

/**
 * How long a replaced secret keeps working in a realm: the {@code grace-seconds} of the realm's
 * {@value SecretGenerationExecutorFactory#PROVIDER_ID} executor, so the page can say so before a regeneration.
 */
public final class GracePeriod {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

    private GracePeriod() {
    }

    /** The seconds of the first profile executor of ours, or the shared default when the realm configures none. */
    public static long seconds(KeycloakSession session, RealmModel realm) {
        try {
            for (ClientProfileRepresentation profile : session.clientPolicy().getClientProfiles(realm, false).getProfiles()) {
                if (profile.getExecutors() == null) continue;
                for (ClientPolicyExecutorRepresentation executor : profile.getExecutors()) {
                    if (!SecretGenerationExecutorFactory.PROVIDER_ID.equals(executor.getExecutorProviderId())) continue;
                    return of(executor.getConfiguration());
                }
            }
        } catch (ClientPolicyException e) {
            // The realm's profiles cannot be read: the executor then falls back to the default too.
        }
        return SharedLimits.SECRET_GRACE_SECONDS_DEFAULT;
    }

    /** The executor's {@code grace-seconds}, read as the executor reads it. */
    static long of(JsonNode configuration) {
        JsonNode value = configuration == null ? null : configuration.get("grace-seconds");
        String text = value == null || value.isNull() ? null : value.asText();
        return text != null && WHOLE_NUMBER.matcher(text).matches() ? Long.parseLong(text) : SharedLimits.SECRET_GRACE_SECONDS_DEFAULT;
    }
}
