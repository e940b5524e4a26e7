package dev.alertmail;

/**
 * A 128-bit identity of an incident: equal fingerprints are the same error from the same place.
 * Cheap to compare and hash, so it is the incident store's key.
 */
public record Fingerprint(long high, long low) {

    /** 32 lowercase hex digits; stable across JVMs and replicas. */
    public String toHex() {
        return String.format("%016x%016x", high, low);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
