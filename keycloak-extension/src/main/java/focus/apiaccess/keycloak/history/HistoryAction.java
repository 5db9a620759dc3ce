package focus.apiaccess.keycloak.history;

/** The kinds of change the history records; the codes are shared names (contract.json {@code history.actions}). */
public enum HistoryAction {
    CREATE("create"),
    RENAME("rename"),
    SERVICES("services"),
    IP_RANGES("ip-ranges"),
    ENABLE("enable"),
    DISABLE("disable"),
    CREDENTIALS_GENERATED("credentials-generated"),
    GRACE_ENDED("grace-ended"),
    EXPIRY_CHANGED("expiry-changed"),
    DELETE("delete");

    public final String code;

    HistoryAction(String code) {
        this.code = code;
    }

    public static HistoryAction ofCode(String code) {
        for (HistoryAction action : values()) if (action.code.equals(code)) return action;
        return null;
    }
}
