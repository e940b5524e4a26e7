package dev.alertmail;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What an engine has done so far; read from any thread. */
public final class AlertCounters {

    final LongAdder events = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder emailsSent = new LongAdder();
    final LongAdder emailsRetried = new LongAdder();
    final LongAdder emailsFailed = new LongAdder();
    final LongAdder emailsDeduplicated = new LongAdder();
    final LongAdder emailsHeldBack = new LongAdder();
    final AtomicLong pending = new AtomicLong();

    /** ERROR events counted into incidents (including overflow). */
    public long events() { return events.sum(); }
    /** Events that could not be counted because of an internal error (should stay 0). */
    public long dropped() { return dropped.sum(); }
    public long emailsSent() { return emailsSent.sum(); }
    /** Transient failures that were scheduled for another attempt. */
    public long emailsRetried() { return emailsRetried.sum(); }
    /** Emails given up on: permanent SMTP failures, or undeliverable at shutdown. */
    public long emailsFailed() { return emailsFailed.sum(); }
    /** Emails Resend refused because a peer already sent that alert (same idempotency key). */
    public long emailsDeduplicated() { return emailsDeduplicated.sum(); }
    /** Times the hourly cap held an email back (its content goes into the next one). */
    public long emailsHeldBack() { return emailsHeldBack.sum(); }
    /** Emails built and not yet sent, refused or given up. */
    public long emailsPending() { return pending.get(); }

    @Override
    public String toString() {
        return "events=" + events() + ", emailsSent=" + emailsSent() + ", retried=" + emailsRetried()
                + ", failed=" + emailsFailed() + ", deduplicated=" + emailsDeduplicated()
                + ", heldBack=" + emailsHeldBack() + ", dropped=" + dropped();
    }
}
