package focus.apiaccess.keycloak.secret;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.keycloak.models.ClientModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.idm.ClientRepresentation;

import focus.apiaccess.keycloak.search.ClientIndex;

import static focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory.CREDENTIALS_GENERATED_AT_ATTRIBUTE;
import static focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory.CREDENTIALS_GENERATED_BY_ATTRIBUTE;
import static focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory.CREDENTIALS_UNDELIVERED_ATTRIBUTE;

/**
 * What an update may not do to an API client on digests, whoever sends it (a realm administrator in Keycloak's console,
 * kcadm.sh, the admin API): each would stop the vendor's generated secret, or put one of someone's choosing in its
 * place, without a generation and without a history entry. Pure verdicts: {@code null} when the update may go on, else
 * the refusal's description, whose first word is stable. What reading the client gives may always be sent back as it
 * was (Keycloak's console sends the whole client on every save).
 */
final class HandChanges {

    static final String SECRET_NOT_SETTABLE = "secret_not_settable";
    static final String AUTHENTICATOR_FIXED = "client_authenticator_fixed";
    static final String SECRET_RECORD_PROTECTED = "secret_record_protected";
    static final String CLIENT_TYPE_FIXED = "client_type_fixed";
    static final String MARKER_PROTECTED = "marker_protected";
    static final String CLIENT_ID_FIXED = "client_id_fixed";

    /**
     * What the provisioner records of its own generations (who, when, an answer it lost), through its account only: a
     * lost answer written by hand would make the next generation end the vendor's working secret at once.
     */
    private static final Set<String> PROVISIONER_RECORDS = Set.of(CREDENTIALS_GENERATED_BY_ATTRIBUTE,
            CREDENTIALS_GENERATED_AT_ATTRIBUTE, CREDENTIALS_UNDELIVERED_ATTRIBUTE);

    private HandChanges() {
    }

    /** @param byProvisioner whether the provisioner's service account sends the update */
    static String verdict(ClientModel client, ClientRepresentation proposed, boolean byProvisioner) {
        if (proposed == null) return null;
        String clientId = client.getClientId();
        String refused = secret(clientId, proposed.getSecret());
        if (refused == null) refused = authenticator(clientId, proposed.getClientAuthenticatorType());
        if (refused == null) refused = clientType(clientId, client, proposed);
        if (refused == null) refused = identity(clientId, proposed);
        if (refused == null) refused = secretRecords(clientId, client, proposed.getAttributes(), byProvisioner);
        return refused;
    }

    /**
     * The Client ID, which the vendor is configured with, and the marker that makes the client an API client: without
     * the marker none of these rules would hold for the next update, after which the marker could be put back on a
     * client changed at will. To stop the vendor, disable the client; to be done with it, delete it. Both are recorded.
     */
    static String identity(String clientId, ClientRepresentation proposed) {
        if (proposed.getClientId() != null && !proposed.getClientId().equals(clientId)) {
            return CLIENT_ID_FIXED + ": the Client ID " + clientId + " is what the vendor is configured with; it does not "
                    + "change. Create a new API client on the API Toegang page for another";
        }
        Map<String, String> attributes = proposed.getAttributes();
        if (attributes != null && attributes.containsKey(ClientIndex.MANAGED_ATTRIBUTE)
                && !ClientIndex.MANAGED_VALUE.equals(attributes.get(ClientIndex.MANAGED_ATTRIBUTE))) {
            return MARKER_PROTECTED + ": client " + clientId + " is a FOCUS API client (" + ClientIndex.MANAGED_ATTRIBUTE + "="
                    + ClientIndex.MANAGED_VALUE + ") and stays one; to stop the vendor, disable it, or delete it, which its "
                    + "history records";
        }
        return null;
    }

    /**
     * A secret in an update ({@code "secret"}, kcadm.sh's {@code -s secret=…}) would be answered 204 and then dropped:
     * the field of a client on digests is emptied again after every change, and only a generated secret's digest works.
     * The refusal says what to do, without the secret. An empty field is what reading such a client gives.
     */
    static String secret(String clientId, String secret) {
        if (secret == null || secret.isEmpty()) return null;
        return SECRET_NOT_SETTABLE + ": client " + clientId + " authenticates with a generated secret, of which Keycloak "
                + "keeps only a digest; a secret cannot be set by hand. Generate credentials on the API Toegang page, with "
                + "the provisioner's CLI or with POST .../client-secret (kcadm.sh), whose answer shows the secret once";
    }

    /**
     * Another authenticator (the console's "Client Id and Secret") would make Keycloak put a new secret in clear into the
     * empty field and stop the vendor's at once; a second update could then set a secret by hand.
     */
    static String authenticator(String clientId, String authenticator) {
        if (authenticator == null || SecretDigestAuthenticatorFactory.PROVIDER_ID.equals(authenticator)) return null;
        return AUTHENTICATOR_FIXED + ": client " + clientId + " authenticates with a generated secret, of which Keycloak "
                + "keeps only a digest (" + SecretDigestAuthenticatorFactory.PROVIDER_ID + "); another authenticator would "
                + "stop the vendor's secret at once and keep a new one in clear";
    }

    /**
     * A public or bearer-only client, or one without its service account (the console's "Client authentication" and
     * "Service accounts roles" switches), cannot get tokens: the vendor would be stopped without a trace in the client's
     * history, and Keycloak's refusal would tell anyone that the Client ID exists. Disabling the client does the same
     * openly.
     */
    static String clientType(String clientId, ClientModel client, ClientRepresentation proposed) {
        boolean toPublic = Boolean.TRUE.equals(proposed.isPublicClient()) && !client.isPublicClient();
        boolean toBearerOnly = Boolean.TRUE.equals(proposed.isBearerOnly()) && !client.isBearerOnly();
        boolean withoutServiceAccount = Boolean.FALSE.equals(proposed.isServiceAccountsEnabled()) && client.isServiceAccountsEnabled();
        // A client stored without a protocol is an OpenID Connect one, and reads as such.
        boolean otherProtocol = proposed.getProtocol() != null
                && !proposed.getProtocol().equals(Objects.requireNonNullElse(client.getProtocol(), OIDCLoginProtocol.LOGIN_PROTOCOL));
        if (!toPublic && !toBearerOnly && !withoutServiceAccount && !otherProtocol) return null;
        String what = toPublic ? "public" : toBearerOnly ? "bearer-only" : withoutServiceAccount ? "without its service account"
                : "a " + proposed.getProtocol() + " client";
        return CLIENT_TYPE_FIXED + ": client " + clientId + " is a confidential client with a service account, as the "
                + "vendor's token requests need; made " + what + " it would stop them unrecorded. To stop the vendor, disable "
                + "the client (on the API Toegang page, or \"enabled\": false), which its history records";
    }

    /**
     * The records of the secrets ({@code focus.secret.*}: the digests, an expiry, a grace period; Keycloak's
     * {@code client.secret.*}; which request made the current secret; the provisioner's own records, except through its
     * account) change through generations only: a digest of someone's choosing would be a secret planted, a later
     * expiry or grace period one kept longer than chosen. One change is left to a realm administrator, and recorded in
     * the history like a generation's: an expiry brought forward (to end a leaked secret at once, a time in the past).
     */
    static String secretRecords(String clientId, ClientModel client, Map<String, String> attributes, boolean byProvisioner) {
        if (attributes == null) return null;
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            String name = entry.getKey();
            if (!StoredSecrets.isSecretRecord(name) && (byProvisioner || !PROVISIONER_RECORDS.contains(name))) continue;
            String now = client.getAttribute(name);
            // Keycloak removes an attribute sent empty.
            String wanted = entry.getValue() == null || entry.getValue().isBlank() ? null : entry.getValue();
            if (Objects.equals(now, wanted)) continue;
            if (StoredSecrets.EXPIRES_AT.equals(name) && broughtForward(now, wanted)) continue;
            return SECRET_RECORD_PROTECTED + ": the attribute " + name + " of client " + clientId + " is kept by the "
                    + "generation of its credentials and cannot be changed by hand (only " + StoredSecrets.EXPIRES_AT
                    + " may be brought forward, in epoch seconds; a client read before its last generation must be read "
                    + "again); generate new credentials or end the previous secret's grace period on the API Toegang page "
                    + "or with the provisioner's CLI";
        }
        return null;
    }

    /** An expiry set where there was none, or made earlier; never removed or made later. */
    private static boolean broughtForward(String now, String wanted) {
        Long until = StoredSecrets.seconds(wanted);
        if (until == null) return false;
        if (now == null) return true;
        Long current = StoredSecrets.seconds(now);
        return current != null && until < current;
    }
}
