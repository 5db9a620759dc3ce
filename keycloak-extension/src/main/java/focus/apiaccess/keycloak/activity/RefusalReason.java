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
        String detail = described(details);
        if (detail.startsWith(IpRangeExecutor.IP_NOT_ALLOWED + ":")) return IP_NOT_ALLOWED;
        if (detail.startsWith(IpRangeExecutor.IP_RANGES_INVALID + ":")) return IP_RANGES_INVALID;
        if (detail.startsWith(SecretDigestAuthenticator.INVALID_SECRET + ":")) return BAD_SECRET;
        if (detail.startsWith(SecretDigestAuthenticator.EXPIRED + ":")) return EXPIRED;
        if (detail.startsWith(SecretDigestAuthenticator.DISABLED + ":")) return DISABLED;
        return switch (error) {
            case Errors.INVALID_CLIENT_CREDENTIALS -> BAD_SECRET;
            case Errors.CLIENT_DISABLED -> DISABLED;
            default -> OTHER;
        };
    }

    /** The description of the refusal, where our extension put it; empty when none did. */
    private static String described(Map<String, String> details) {
        if (details == null) return "";
        String policy = details.get(Details.CLIENT_POLICY_ERROR_DETAIL);
        if (policy != null) return policy;
        String reason = details.get(SecretDigestAuthenticator.REASON_DETAIL);
        return reason == null ? "" : reason;
    }
}
