package focus.apiaccess.keycloak.activity;

/** What is recorded about a client: its uses (tokens issued), or its refusals for one reason. */
public record ActivityKey(String clientUuid, RefusalReason refusal) {

    public static ActivityKey use(String clientUuid) {
        return new ActivityKey(clientUuid, null);
    }

    public static ActivityKey refusal(String clientUuid, RefusalReason reason) {
        return new ActivityKey(clientUuid, reason);
    }

    public boolean isUse() {
        return refusal == null;
    }
}
