package focus.apiaccess.keycloak.secret;

/** When a replaced secret stops working. Pure. */
final class Rotation {

    private Rotation() {
    }

    /**
     * The end of the replaced secret's grace period: {@code graceSeconds} from now, but never past the replaced
     * secret's own expiry (a regeneration must not bring an expired secret back). {@code null} when it would end at
     * once: the replaced secret then stops working with the generation.
     */
    static Long previousValidUntil(long now, long graceSeconds, Long replacedExpiresAt) {
        long until = now + graceSeconds;
        if (replacedExpiresAt != null) until = Math.min(until, replacedExpiresAt);
        return until > now ? until : null;
    }
}
