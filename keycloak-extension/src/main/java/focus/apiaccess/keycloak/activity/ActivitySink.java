package focus.apiaccess.keycloak.activity;

/** Where the listener hands what it saw of a managed client (this node's {@link ActivityRecorder}). */
interface ActivitySink {

    void use(String clientUuid, String address);

    void refusal(String clientUuid, RefusalReason reason, String address, String error);
}
