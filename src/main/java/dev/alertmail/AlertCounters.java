package dev.alertmail;

/** What an engine has done so far; a live view, read from any thread. */
public interface AlertCounters {

    /** Events at or above {@code level} counted into incidents (overflow included). */
    long events();

    /** Events that could not be counted because of an internal error (should stay 0). */
    long eventsDropped();

    long emailsSent();

    /** Transient failures that were scheduled for another attempt. */
    long emailsRetried();

    /** Emails given up on: permanent SMTP failures, or undeliverable at shutdown. */
    long emailsFailed();

    /** Emails Resend refused because a peer already sent that alert (same idempotency key). */
    long emailsDeduplicated();

    /** Times the hourly cap held an email back (its content goes into the next one). */
    long emailsHeldBack();

    /** Emails built and not yet sent, refused or given up. */
    long emailsPending();
}
