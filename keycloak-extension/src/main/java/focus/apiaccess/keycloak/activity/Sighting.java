package focus.apiaccess.keycloak.activity;

/** What was seen from one source address in one period: first and last time, how often, the last error code. */
public final class Sighting {

    private long first;
    private long last;
    private long count;
    private String error;

    Sighting(long at, String error) {
        this.first = at;
        this.last = at;
        this.count = 1;
        this.error = error;
    }

    private Sighting(Sighting other) {
        this.first = other.first;
        this.last = other.last;
        this.count = other.count;
        this.error = other.error;
    }

    Sighting copy() {
        return new Sighting(this);
    }

    void add(long at, String error) {
        first = Math.min(first, at);
        if (at >= last) {
            last = at;
            if (error != null) this.error = error;
        }
        count++;
    }

    void merge(Sighting other) {
        first = Math.min(first, other.first);
        if (other.last >= last) {
            last = other.last;
            if (other.error != null) error = other.error;
        }
        count += other.count;
    }

    public long first() {
        return first;
    }

    public long last() {
        return last;
    }

    public long count() {
        return count;
    }

    public String error() {
        return error;
    }
}
