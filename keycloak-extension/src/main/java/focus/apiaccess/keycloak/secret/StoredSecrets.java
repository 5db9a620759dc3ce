package focus.apiaccess.keycloak.secret;

import org.keycloak.models.ClientModel;

/**
 * What a client's attributes hold about its secrets, as stored (text): the current secret's digest and expiry, and the
 * previous secret's digest with the end of its grace period. Keycloak's own secret field holds nothing for such a
 * client. The attribute keys are shared names (contract.json).
 */
public record StoredSecrets(String digest, String expiresAt, String previousDigest, String previousValidUntil) {

    public static final String DIGEST = "focus.secret.digest";
    public static final String EXPIRES_AT = "focus.secret.expires-at";
    public static final String PREVIOUS_DIGEST = "focus.secret.previous-digest";
    public static final String PREVIOUS_VALID_UNTIL = "focus.secret.previous-valid-until";

    /** Every attribute this record reads: they are the extension's alone to write. */
    public static final String PREFIX = "focus.secret.";
    /** Keycloak's own secret bookkeeping (ClientSecretConstants), the previous secret in clear among it. */
    private static final String KEYCLOAK_PREFIX = "client.secret.";

    /**
     * Whether an attribute records a client's secrets: this record's, Keycloak's own, or which request made the current
     * secret. Only a generation writes them.
     */
    public static boolean isSecretRecord(String name) {
        return name.startsWith(PREFIX) || name.startsWith(KEYCLOAK_PREFIX) || name.equals(SecretGenerationExecutorFactory.CREDENTIALS_REQUEST_ATTRIBUTE);
    }

    public static StoredSecrets of(ClientModel client) {
        return new StoredSecrets(client.getAttribute(DIGEST), client.getAttribute(EXPIRES_AT), client.getAttribute(PREVIOUS_DIGEST),
                client.getAttribute(PREVIOUS_VALID_UNTIL));
    }

    /** Epoch seconds, or {@code null} when absent or not a whole number. */
    static Long seconds(String value) {
        if (value == null || !value.matches("\\d{1,18}")) return null;
        return Long.parseLong(value);
    }
}
