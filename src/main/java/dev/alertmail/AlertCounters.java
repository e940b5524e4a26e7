package dev.alertmail;

import dev.alertmail.internal.delivery.Counters;

/** What an engine has done so far; read from any thread. */
public final class AlertCounters {

    private final Counters c;

    AlertCounters(Counters c) {
        this.c = c;
    }

    /** Events at or above {@code level} counted into incidents (overflow included). */
    public long events() {
        return c.events.sum();
    }
    /** Events that could not be counted because of an internal error (should stay 0). */
    public long eventsDropped() {
        return c.dropped.sum();
    }

    public long emailsSent() {
        return c.emailsSent.sum();
    }
    /** Transient failures that were scheduled for another attempt. */
    public long emailsRetried() {
        return c.emailsRetried.sum();
    }
    /** Emails given up on: permanent SMTP failures, or undeliverable at shutdown. */
    public long emailsFailed() {
        return c.emailsFailed.sum();
    }
    /** Emails Resend refused because a peer already sent that alert (same idempotency key). */
    public long emailsDeduplicated() {
        return c.emailsDeduplicated.sum();
    }
    /** Times the hourly cap held an email back (its content goes into the next one). */
    public long emailsHeldBack() {
        return c.emailsHeldBack.sum();
    }
    /** Emails built and not yet sent, refused or given up. */
    public long emailsPending() {
        return c.emailsPending.get();
    }

    @Override
    public String toString() {
        return "events=" + events() + ", emailsSent=" + emailsSent() + ", retried=" + emailsRetried()
                + ", failed=" + emailsFailed() + ", deduplicated=" + emailsDeduplicated()
                + ", heldBack=" + emailsHeldBack() + ", eventsDropped=" + eventsDropped();
    }
}
