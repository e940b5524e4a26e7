package dev.alertmail.internal.delivery;

import org.jspecify.annotations.Nullable;

/** An email rendered once; every attempt sends these bytes with this key. */
public final class OutgoingEmail {

    final byte[] mime;
    final String key;
    final String subject;
    final long createdAt;
    final int incidents;
    final long events;
    int attempts;
    long notBefore;
    boolean inFlight;
    /** Runs once the email leaves the outbox (sent, refused, given up): a fleet clears it from Redis. */
    @Nullable Runnable whenDone;

    OutgoingEmail(byte[] mime, String key, String subject, long createdAt, int incidents, long events) {
        this.mime = mime;
        this.key = key;
        this.subject = subject;
        this.createdAt = createdAt;
        this.incidents = incidents;
        this.events = events;
        this.notBefore = createdAt;
    }

    /** An email booked by a fleet's earlier mailer, sent again byte for byte under its key. */
    public static OutgoingEmail restored(byte[] mime, String key, String subject, long createdAt, int incidents,
                                         long events, Runnable whenDone) {
        OutgoingEmail e = new OutgoingEmail(mime, key, subject, createdAt, incidents, events);
        e.whenDone = whenDone;
        return e;
    }

    /** Runs once the email leaves the outbox. */
    public void whenDone(Runnable action) {
        this.whenDone = action;
    }

    public byte[] mime() {
        return mime;
    }

    public String key() {
        return key;
    }

    public String subject() {
        return subject;
    }

    public long createdAt() {
        return createdAt;
    }

    public int incidents() {
        return incidents;
    }

    public long events() {
        return events;
    }

    /** For status lines: what is at stake. */
    String what() {
        return incidents + " incidents, " + events + " events";
    }
}
