package dev.alertmail.internal.delivery;

/** An email rendered once; every attempt sends these bytes with this key. */
public final class OutgoingEmail {

    final byte[] mime;
    final String key;
    final String subject;
    final long createdAt;
    final int incidents;
    final long events;
    /** The JVM's key ledger had forgotten these incidents' history: the key was salted so it repeats no earlier one. */
    final boolean saltedKey;
    int attempts;
    long notBefore;
    boolean inFlight;

    OutgoingEmail(byte[] mime, String key, String subject, long createdAt, int incidents, long events,
                  boolean saltedKey) {
        this.mime = mime;
        this.key = key;
        this.subject = subject;
        this.createdAt = createdAt;
        this.incidents = incidents;
        this.events = events;
        this.saltedKey = saltedKey;
        this.notBefore = createdAt;
    }

    /** For status lines: what is at stake. */
    String what() {
        return incidents + " incidents, " + events + " events";
    }
}
