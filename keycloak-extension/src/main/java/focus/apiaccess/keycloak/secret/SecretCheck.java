package focus.apiaccess.keycloak.secret;

/**
 * Decides whether a presented secret is an API client's, from what its attributes hold. Pure: the authenticator
 * supplies the stored values, the secret and the time, and turns the verdict into Keycloak's terms.
 *
 * <p>Both digests are computed whatever the outcome, so that the time taken tells nothing about which one matched or
 * how close a wrong secret came.
 */
public final class SecretCheck {

    public enum Outcome {
        /** The current secret, not expired. */
        CURRENT,
        /** The previous secret, within its grace period. */
        PREVIOUS,
        /** The current secret, past its expiry. */
        EXPIRED,
        /** The previous secret, after its grace period ended (or was ended). */
        PREVIOUS_ENDED,
        /** Neither secret. */
        WRONG,
        /** No secret was ever generated for this client (its digest is missing). */
        NO_SECRET,
        /** A stored value cannot be read: fail closed. */
        UNREADABLE,
    }

    /** {@code until} is the moment that decided it (the expiry, or the end of the grace period), in epoch seconds. */
    public record Verdict(Outcome outcome, Long until) {
        public boolean accepted() {
            return outcome == Outcome.CURRENT || outcome == Outcome.PREVIOUS;
        }
    }

    private SecretCheck() {
    }

    public static Verdict check(StoredSecrets stored, String presented, long nowSeconds) {
        SecretDigest current = SecretDigest.parse(stored.digest());
        SecretDigest previous = SecretDigest.parse(stored.previousDigest());
        boolean isCurrent = current != null && current.matches(presented);
        boolean isPrevious = previous != null && previous.matches(presented);

        if (stored.digest() == null) return new Verdict(Outcome.NO_SECRET, null);
        Long expiresAt = StoredSecrets.seconds(stored.expiresAt());
        if (current == null || (stored.expiresAt() != null && expiresAt == null)) return new Verdict(Outcome.UNREADABLE, null);
        if (isCurrent) {
            if (expiresAt != null && nowSeconds >= expiresAt) return new Verdict(Outcome.EXPIRED, expiresAt);
            return new Verdict(Outcome.CURRENT, expiresAt);
        }
        if (isPrevious) {
            Long until = StoredSecrets.seconds(stored.previousValidUntil());
            if (until != null && nowSeconds < until) return new Verdict(Outcome.PREVIOUS, until);
            return new Verdict(Outcome.PREVIOUS_ENDED, until);
        }
        return new Verdict(Outcome.WRONG, null);
    }
}
