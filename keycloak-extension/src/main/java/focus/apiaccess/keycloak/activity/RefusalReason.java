package focus.apiaccess.keycloak.activity;

import java.util.Map;

import org.keycloak.events.Details;
import org.keycloak.events.Errors;

import focus.apiaccess.keycloak.iprange.IpRangeExecutor;

/**
 * Why a token request of a known client was refused, in the administrator's terms. The IP-range executor's
 * refusals are told apart by the leading word of their description; the rest by Keycloak's error code.
 */
public enum RefusalReason {
    IP_NOT_ALLOWED("ip_not_allowed"),
    IP_RANGES_INVALID("ip_ranges_invalid"),
    BAD_SECRET("bad_secret"),
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
        String detail = details == null ? null : details.get(Details.CLIENT_POLICY_ERROR_DETAIL);
        if (detail != null && detail.startsWith(IpRangeExecutor.IP_NOT_ALLOWED)) return IP_NOT_ALLOWED;
        if (detail != null && detail.startsWith(IpRangeExecutor.IP_RANGES_INVALID)) return IP_RANGES_INVALID;
        return switch (error) {
            case Errors.INVALID_CLIENT_CREDENTIALS -> BAD_SECRET;
            case Errors.CLIENT_DISABLED -> DISABLED;
            default -> OTHER;
        };
    }
}
