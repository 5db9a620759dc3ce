package focus.apiaccess.keycloak.activity;

import java.util.Map;

import org.keycloak.events.Details;
import org.keycloak.events.Errors;

import focus.apiaccess.keycloak.iprange.IpRangeExecutor;
import focus.apiaccess.keycloak.secret.SecretDigestAuthenticator;

/**
 * Why a token request of a known client was refused, in the administrator's terms. The refusals of the digest
 * authenticator (detail {@code reason}) and of the IP-range executor (detail {@code client_policy_error_detail}) are
 * told apart by the leading word of their description; the rest by Keycloak's error code.
 */
public enum RefusalReason {
    IP_NOT_ALLOWED("ip_not_allowed"),
    IP_RANGES_INVALID("ip_ranges_invalid"),
    BAD_SECRET("bad_secret"),
    EXPIRED("expired"),
    DISABLED("disabled"),
    OTHER("other");

    /** The code the read endpoint, the provisioner and the page use (contract.json "activity.refusalReasons"). */
    public final String code;

    RefusalReason(String code) {
        this.code = code;
    }

    public static RefusalReason ofCode(String code) {
        for (RefusalReason reason : values()) {
            if (reason.code.equals(code)) return reason;
        }
        return null;
    }

    /**
     * The reason of a refused request, or {@code null} when the request named no client Keycloak knows: such
     * refusals are not recorded at all.
     */
    public static RefusalReason of(String error, Map<String, String> details) {
        if (error == null || Errors.CLIENT_NOT_FOUND.equals(error)) return null;
        String policy = details == null ? null : details.get(Details.CLIENT_POLICY_ERROR_DETAIL);
        if (policy != null && policy.startsWith(IpRangeExecutor.IP_NOT_ALLOWED + ":")) return IP_NOT_ALLOWED;
        if (policy != null && policy.startsWith(IpRangeExecutor.IP_RANGES_INVALID + ":")) return IP_RANGES_INVALID;
        RefusalReason authentication = ofClientAuthentication(details);
        if (authentication != null) return authentication;
        return switch (error) {
            case Errors.INVALID_CLIENT_CREDENTIALS -> BAD_SECRET;
            case Errors.CLIENT_DISABLED -> DISABLED;
            default -> OTHER;
        };
    }

    /**
     * The reason of a refusal by the digest authenticator, from the leading word of its {@code reason} detail, or
     * {@code null} when the digest authenticator did not refuse the request. It refuses at every endpoint where a client
     * authenticates (token for every grant, introspection, revocation, PAR, device, CIBA), so this is how those
     * endpoints' refusals are told from their other errors (an unknown token to introspect, say).
     */
    public static RefusalReason ofClientAuthentication(Map<String, String> details) {
        String reason = details == null ? null : details.get(SecretDigestAuthenticator.REASON_DETAIL);
        if (reason == null) return null;
        if (reason.startsWith(IpRangeExecutor.IP_NOT_ALLOWED + ":")) return IP_NOT_ALLOWED;
        if (reason.startsWith(IpRangeExecutor.IP_RANGES_INVALID + ":")) return IP_RANGES_INVALID;
        if (reason.startsWith(IpRangeExecutor.IP_UNKNOWN + ":")) return OTHER;
        if (reason.startsWith(SecretDigestAuthenticator.INVALID_SECRET + ":")) return BAD_SECRET;
        if (reason.startsWith(SecretDigestAuthenticator.EXPIRED + ":")) return EXPIRED;
        if (reason.startsWith(SecretDigestAuthenticator.DISABLED + ":")) return DISABLED;
        return null;
    }
}
