package focus.apiaccess.keycloak.guard;

import java.util.Map;

import focus.apiaccess.keycloak.secret.SecretDigestAuthenticatorFactory;
import focus.apiaccess.keycloak.secret.StoredSecrets;

import static focus.apiaccess.keycloak.guard.ProvisionerGuardExecutorFactory.MANAGED_ATTRIBUTE;
import static focus.apiaccess.keycloak.guard.ProvisionerGuardExecutorFactory.MARKER_VALUE;

/**
 * What the guarded account may do to a client, as pure verdicts: {@code null} when the request may go on, else the
 * refusal's description, whose first word is stable (for people and programs reading it). Anything that is not
 * exactly the managed marker counts as "not managed".
 */
final class GuardRules {

    static final String NOT_MANAGED = "not_managed";
    static final String MARKER_PROTECTED = "marker_protected";
    static final String ATTRIBUTE_PROTECTED = "attribute_protected";
    static final String SECRET_PROTECTED = "secret_protected";
    static final String AUTHENTICATOR_PROTECTED = "authenticator_protected";

    private GuardRules() {
    }

    /** May the account {@code action} ("change", "delete", …) the client whose marker attribute holds {@code marker}? */
    static String target(String clientId, String marker, String action) {
        if (MARKER_VALUE.equals(marker)) return null;
        return NOT_MANAGED + ": client " + clientId + " is not a FOCUS API client (" + MANAGED_ATTRIBUTE + " is not "
                + MARKER_VALUE + "), so this account may not " + action + " it";
    }

    /**
     * May the account store this representation? A new client must carry the marker; a change may not remove or alter
     * it, may not set a secret, and may not write Keycloak's secret attributes or the record of secret requests.
     */
    static String proposal(Map<String, String> attributes, String secret, boolean creating) {
        if (secret != null) {
            return SECRET_PROTECTED + ": this account may not set a client secret; Keycloak generates secrets "
                    + "(POST .../client-secret)";
        }
        Map<String, String> proposed = attributes == null ? Map.of() : attributes;
        boolean markerTouched = creating || proposed.containsKey(MANAGED_ATTRIBUTE);
        if (markerTouched && !MARKER_VALUE.equals(proposed.get(MANAGED_ATTRIBUTE))) {
            return MARKER_PROTECTED + ": " + (creating ? "a client this account creates must carry " : "this account may not remove or change ")
                    + MANAGED_ATTRIBUTE + "=" + MARKER_VALUE;
        }
        for (String key : proposed.keySet()) {
            if (StoredSecrets.isSecretRecord(key)) {
                return ATTRIBUTE_PROTECTED + ": this account may not write the attribute " + key + "; Keycloak maintains it";
            }
        }
        return null;
    }

    /**
     * May the account store this client authenticator? A client it creates authenticates by its secret's digest, so
     * that no secret of it is ever kept in clear; a change may not switch authenticators (to a secret in clear, or
     * away from one before a new secret was generated, which would leave the vendor with no working secret).
     */
    static String authenticator(String proposed, String current, boolean creating) {
        String digest = SecretDigestAuthenticatorFactory.PROVIDER_ID;
        if (creating) {
            if (digest.equals(proposed)) return null;
            return AUTHENTICATOR_PROTECTED + ": a client this account creates must use the client authenticator " + digest
                    + ", which keeps only a digest of its secret";
        }
        if (proposed == null || proposed.equals(current)) return null;
        return AUTHENTICATOR_PROTECTED + ": this account may not change a client's authenticator; generating new credentials "
                + "moves a client to " + digest;
    }
}
