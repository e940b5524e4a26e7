package dev.alertmail.internal.capture;

/**
 * A 128-bit identity of an incident: equal fingerprints are the same error from the same place.
 * Stable across JVMs, replicas and restarts; the incident store's key.
 */
public final class Fingerprint {

    final long high;
    final long low;

    public Fingerprint(long high, long low) {
        this.high = high;
        this.low = low;
    }

    /** Shared with {@link FingerprintProbe}, which looks incidents up without allocating one of these. */
    static int hash(long high, long low) {
        return Long.hashCode(high ^ (low * 31));
    }

    @Override
    public int hashCode() {
        return hash(high, low);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && f.high == high && f.low == low;
    }

    /** 32 lowercase hex digits. */
    public String toHex() {
        return String.format("%016x%016x", high, low);
    }

    /** The inverse of {@link #toHex}. */
    public static Fingerprint fromHex(String hex) {
        if (hex.length() != 32) {
            throw new IllegalArgumentException("a fingerprint is 32 hex digits: " + hex);
        }
        return new Fingerprint(
                Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    @Override
    public String toString() {
        return toHex();
    }
}
