package dev.alertmail.internal.fleet;

import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.delivery.SendResult;

/**
 * Whether this member is fit to mail for the fleet. A mailer whose attempts keep failing, whose
 * outbox is full, or that cannot read or book the fleet's state steps down: it gives the lease up
 * on its next tick, so that a healthy member takes it, and does not take it again for a while.
 * Said once (WARN) until it mails for the fleet again. Worker thread (and the stopping thread,
 * under {@code RedisFleet}'s exchange lock).
 */
final class MailerHealth {

    /** Failed attempts in a row at fleet emails before the mailer steps down. */
    static final int FAILED_ATTEMPTS = 3;
    /** How long a member that stepped down leaves the lease to the others. */
    static final long STEP_DOWN_MS = 30_000;

    private final StatusReporter status;
    private volatile int failedAttempts;
    private volatile long notBefore = Long.MIN_VALUE;
    private volatile boolean release;
    private volatile boolean warned;

    MailerHealth(StatusReporter status) {
        this.status = status;
    }

    /** The tick's lease mode: {@code "1"} wants the lease, {@code "0"} gives it up (or leaves it to others). */
    String leaseMode(long now) {
        return release || now < notBefore ? "0" : "1";
    }

    /** A tick carrying {@code "0"} was answered: the lease is given up. */
    void released() {
        release = false;
    }

    /** One attempt at a fleet email. */
    void attempted(SendResult r, long now) {
        switch (r.outcome()) {
            case SENT, DEDUPLICATED -> {
                failedAttempts = 0;
                warned = false;
            }
            case RETRY -> {
                if (++failedAttempts >= FAILED_ATTEMPTS) {
                    stepDown(now, "its last " + FAILED_ATTEMPTS + " attempts to send failed (" + r.detail() + ")");
                }
            }
            case FAILED -> {
                // refused for good: a verdict on that email, not on this member's SMTP
            }
        }
    }

    /** Gives the lease up on the next tick; the others mail for the fleet meanwhile. */
    void stepDown(long now, String why) {
        failedAttempts = 0;
        notBefore = now + STEP_DOWN_MS;
        release = true;
        if (!warned) {
            warned = true;
            status.warn("alertmail: this member stops mailing for the fleet for " + STEP_DOWN_MS / 1000 + " s: " + why
                    + "; it gives the lease up so that a healthy member mails (the fleet's emails it holds are"
                    + " booked in Redis: the next mailer sends them too, under the same keys)");
        }
    }
}
