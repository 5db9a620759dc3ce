package focus.apiaccess.keycloak.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What Keycloak keeps of an API client's secret: HMAC-SHA256 of the secret under a random salt of its own, written as
 * {@code hmac-sha256:<salt>:<mac>} (unpadded base64url). The secrets are long random values Keycloak generates (far
 * more than 256 bits), so a salted digest cannot be reversed or guessed; a slow password hash would only cost time at
 * every token request. Comparison is in constant time.
 */
public final class SecretDigest {

    static final String SCHEME = "hmac-sha256";
    static final int SALT_BYTES = 16;
    private static final int MAC_BYTES = 32;
    private static final Pattern STORED = Pattern.compile(SCHEME + ":([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One HMAC engine per thread, keyed anew for each digest: looking the algorithm up among the JVM's security
     * providers costs more than the digest itself, at every token request.
     */
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    });

    private final byte[] salt;
    private final byte[] mac;

    private SecretDigest(byte[] salt, byte[] mac) {
        this.salt = salt;
        this.mac = mac;
    }

    /** The digest of a new secret, under a new random salt. */
    public static SecretDigest of(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return of(secret, salt);
    }

    static SecretDigest of(String secret, byte[] salt) {
        return new SecretDigest(salt.clone(), mac(salt, secret));
    }

    /** A stored digest, or {@code null} when the value is not one (it then matches nothing: fail closed). */
    public static SecretDigest parse(String stored) {
        if (stored == null) return null;
        Matcher matcher = STORED.matcher(stored);
        if (!matcher.matches()) return null;
        Base64.Decoder decoder = Base64.getUrlDecoder();
        byte[] salt = decoder.decode(matcher.group(1));
        byte[] mac = decoder.decode(matcher.group(2));
        return salt.length == SALT_BYTES && mac.length == MAC_BYTES ? new SecretDigest(salt, mac) : null;
    }

    /** Whether {@code presented} is the secret this is the digest of; the time taken does not depend on the answer. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(mac, mac(salt, presented == null ? "" : presented));
    }

    public String stored() {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return SCHEME + ":" + encoder.encodeToString(salt) + ":" + encoder.encodeToString(mac);
    }

    private static byte[] mac(byte[] salt, String secret) {
        Mac hmac = HMAC.get();
        try {
            hmac.init(new SecretKeySpec(salt, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 does not take a " + salt.length + "-byte key", e);
        }
        // init() reset the engine: nothing of an earlier digest on this thread is left in it.
        return hmac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return stored();
    }
}
