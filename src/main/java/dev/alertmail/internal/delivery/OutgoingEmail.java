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
    /** The JVM's key ledger had forgotten these incidents' history: the key was salted so it repeats no earlier one. */
    final boolean saltedKey;

    int attempts;
    long notBefore;
    boolean inFlight;
    /** Runs once the email leaves the outbox (sent, refused, given up): a fleet clears it from Redis. */
    @Nullable
    Runnable whenDone;
    /** Booked in the fleet's Redis: left undelivered at stop, the fleet's next mailer sends it. */
    boolean bookedInFleet;

    OutgoingEmail(
            byte[] mime, String key, String subject, long createdAt, int incidents, long events, boolean saltedKey) {
        this.mime = mime;
        this.key = key;
        this.subject = subject;
        this.createdAt = createdAt;
        this.incidents = incidents;
        this.events = events;
        this.saltedKey = saltedKey;
        this.notBefore = createdAt;
    }

    /** An email booked by a fleet's earlier mailer, sent again byte for byte under its key. */
    public static OutgoingEmail restored(
            byte[] mime, String key, String subject, long createdAt, int incidents, long events, Runnable whenDone) {
        OutgoingEmail e = new OutgoingEmail(mime, key, subject, createdAt, incidents, events, false);
        e.whenDone = whenDone;
        e.bookedInFleet = true;
        return e;
    }

    /** An email an earlier life of this process built and never sent (its journal), sent again byte for byte. */
    public static OutgoingEmail fromJournal(
            byte[] mime, String key, String subject, long createdAt, int incidents, long events) {
        return new OutgoingEmail(mime, key, subject, createdAt, incidents, events, false);
    }

    /** Runs once the email leaves the outbox. */
    public void whenDone(Runnable action) {
        this.whenDone = action;
    }

    /** This email is booked in the fleet's Redis (see {@link #bookedInFleet}). */
    public void bookedInFleet() {
        this.bookedInFleet = true;
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
