package focus.apiaccess.keycloak;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.keycloak.common.ClientConnection;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;

/**
 * Just enough of Keycloak's model interfaces for executor tests: each fake answers the methods it is given
 * and fails loudly on any other, so a test notices when the code under test starts using more.
 */
public final class Fakes {

    private Fakes() {
    }

    /** Answers are values, or {@code Function<Object[], Object>} for methods that take arguments. */
    @SuppressWarnings("unchecked")
    public static <T> T fake(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String name = method.getName();
            if (answers.containsKey(name)) {
                Object answer = answers.get(name);
                return answer instanceof Function<?, ?> f ? ((Function<Object[], Object>) f).apply(args) : answer;
            }
            return switch (name) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "fake " + type.getSimpleName();
                default -> throw new UnsupportedOperationException(type.getSimpleName() + "." + name + " is not faked");
            };
        });
    }

    /** A client in realm "focus" whose attributes live in a mutable map the test can inspect. */
    public static ClientModel client(Map<String, String> attributes) {
        return client(attributes, fake(RealmModel.class, Map.of("getId", "realm-id", "getName", "focus")));
    }

    /**
     * The same, in the given realm. Its secret field and client authenticator ({@code client-secret} at first) can be
     * set and read through the model's own methods.
     */
    public static ClientModel client(Map<String, String> attributes, RealmModel realm) {
        Map<String, String> stored = new HashMap<>(attributes);
        Map<String, String> fields = new HashMap<>(Map.of("authenticator", "client-secret"));
        Map<String, Object> answers = new HashMap<>();
        answers.put("getId", "client-uuid");
        answers.put("getClientId", "vendor-client");
        answers.put("getRealm", realm);
        answers.put("getAttribute", (Function<Object[], Object>) args -> stored.get((String) args[0]));
        answers.put("getAttributes", stored);
        answers.put("setAttribute", (Function<Object[], Object>) args -> stored.put((String) args[0], (String) args[1]));
        answers.put("removeAttribute", (Function<Object[], Object>) args -> stored.remove((String) args[0]));
        answers.put("getSecret", (Function<Object[], Object>) args -> fields.get("secret"));
        answers.put("setSecret", (Function<Object[], Object>) args -> fields.put("secret", (String) args[0]));
        answers.put("getClientAuthenticatorType", (Function<Object[], Object>) args -> fields.get("authenticator"));
        answers.put("setClientAuthenticatorType", (Function<Object[], Object>) args -> fields.put("authenticator", (String) args[0]));
        return fake(ClientModel.class, answers);
    }

    /** What a session was asked to do. */
    public static final class SessionProbe {
        public boolean rollbackOnly;
    }

    public static KeycloakSession session(String remoteAddress, ClientModel contextClient, SessionProbe probe) {
        Map<String, Object> peer = new HashMap<>();
        peer.put("getRemoteAddr", remoteAddress);
        ClientConnection connection = fake(ClientConnection.class, peer);
        Map<String, Object> context = new HashMap<>();
        context.put("getConnection", connection);
        context.put("getClient", contextClient);
        return session(context, probe);
    }

    /** A session whose context answers what {@code context} holds (method name to answer). */
    public static KeycloakSession session(Map<String, Object> context, SessionProbe probe) {
        KeycloakContext keycloakContext = fake(KeycloakContext.class, context);
        KeycloakTransactionManager transactions = fake(KeycloakTransactionManager.class, Map.of(
                "setRollbackOnly", (Function<Object[], Object>) args -> {
                    probe.rollbackOnly = true;
                    return null;
                }));
        Map<String, Object> attributes = new HashMap<>();
        return fake(KeycloakSession.class, Map.of(
                "getContext", keycloakContext,
                "getTransactionManager", transactions,
                "getAttribute", (Function<Object[], Object>) args -> attributes.get((String) args[0]),
                "setAttribute", (Function<Object[], Object>) args -> attributes.put((String) args[0], args[1]),
                "removeAttribute", (Function<Object[], Object>) args -> attributes.remove((String) args[0])));
    }
}
