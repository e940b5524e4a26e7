package dev.alertmail.internal.delivery;

import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.plan.SlidingWindowLimit;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Emails waiting to be sent: bounded, paced to {@code maxEmailsPerSecond}, retried with
 * exponential backoff and jitter (same bytes, same key) until they are sent, refused for good, or
 * older than Resend's memory of their key. Not thread-safe: {@link Delivery} guards it with its lock.
 */
public final class Outbox {

    /** Emails waiting at most; past that no new email is built and incidents keep counting. */
    public static final int CAPACITY = 16;

    static final long MAX_BACKOFF_MS = 5 * 60_000L;
    /** Resend remembers an idempotency key for 24 h; past that a retry could duplicate, so give up. */
    static final long GIVE_UP_AFTER_MS = 23 * 3_600_000L;

    private final Deque<OutgoingEmail> queue = new ArrayDeque<>();
    private final SlidingWindowLimit pace;
    /** During shutdown the pace is kept in real time: the injected clock may not move while we wait. */
    private final SlidingWindowLimit shutdownPace;

    private final Counters counters;
    private final StatusReporter status;
    /** Places the daily quota's reset (midnight UTC) on the monotonic time the outbox runs on. */
    private final Clock clock;
    /** Until then (monotonic ms) the daily quota is spent: nothing is attempted; {@link Long#MIN_VALUE}: not spent. */
    private long quotaUntil = Long.MIN_VALUE;

    Outbox(int maxPerSecond, Counters counters, StatusReporter status, Clock clock) {
        this.pace = new SlidingWindowLimit(maxPerSecond, 1_000);
        this.shutdownPace = new SlidingWindowLimit(maxPerSecond, 1_000);
        this.counters = counters;
        this.status = status;
        this.clock = clock;
    }

    /** Whether Resend refused for the day's quota and it has not reset yet: no attempt, no new email. */
    boolean waitingForQuota(long now) {
        return now < quotaUntil;
    }

    boolean hasRoom() {
        return queue.size() < CAPACITY;
    }

    void add(OutgoingEmail email) {
        queue.addLast(email);
        counters.emailsPending.incrementAndGet();
    }

    /**
     * The next email to attempt now, marked in flight, or {@code null}.
     *
     * @param shutdown every email gets its attempt now, paced in real time
     */
    @Nullable
    OutgoingEmail next(long now, boolean shutdown) {
        if (waitingForQuota(now)) {
            return null; // every attempt would be refused until the quota resets
        }
        SlidingWindowLimit limit = shutdown ? shutdownPace : pace;
        long at = shutdown ? System.nanoTime() / 1_000_000 : now;
        for (OutgoingEmail e : queue) {
            if (!e.inFlight && (shutdown || e.notBefore <= now)) {
                if (!limit.allows(at)) {
                    return null; // Resend's rate: the rest waits
                }
                limit.record(at);
                e.inFlight = true;
                e.attempts++;
                return e;
            }
        }
        return null;
    }

    /** Books an attempt's outcome; the email leaves the outbox unless it is to be retried. */
    void record(OutgoingEmail e, SendResult result, long now) {
        e.inFlight = false;
        boolean done = true;
        switch (result.outcome()) {
            case SENT -> {
                counters.emailsSent.increment();
                status.info("alertmail: sent \"" + e.subject + "\" (" + e.what() + ", key " + e.key + ", attempt "
                        + e.attempts + ")");
            }
            case DEDUPLICATED -> {
                if (e.bookedInFleet && SmtpFailures.differentPayload(result.detail())) {
                    // in a fleet no peer mails the same incidents: the key was reused, the email is lost
                    counters.emailsFailed.increment();
                    status.error("alertmail: Resend refused a fleet email because its key was used for another email ("
                            + e.what() + " not delivered): " + result.detail());
                    break;
                }
                counters.emailsDeduplicated.increment();
                status.info("alertmail: key " + e.key + " was already used by a peer; counted as deduplicated ("
                        + e.what() + "). Server said: " + result.detail());
            }
            case FAILED -> {
                counters.emailsFailed.increment();
                status.error("alertmail: email dropped after a permanent failure (" + e.what() + " not delivered): "
                        + result.detail());
            }
            case QUOTA -> {
                done = false;
                counters.emailsRetried.increment();
                boolean reported = waitingForQuota(now);
                Instant reset = nextUtcMidnight(clock.instant());
                quotaUntil = now + Math.max(0, reset.toEpochMilli() - clock.millis());
                e.notBefore = quotaUntil;
                if (!reported) { // once per quota period, however many emails wait
                    status.warn("alertmail: Resend's daily sending quota is used up; " + queue.size()
                            + " email(s) wait and none is attempted before it resets at " + reset
                            + "; incidents keep counting and go into the next email. Server said: "
                            + result.detail());
                }
            }
            default -> {
                if (now - e.createdAt >= GIVE_UP_AFTER_MS) {
                    counters.emailsFailed.increment();
                    status.error("alertmail: giving up on an email after " + e.attempts + " attempts over 23 h ("
                            + e.what() + " not delivered): " + result.detail());
                } else {
                    done = false;
                    counters.emailsRetried.increment();
                    long delay = backoff(e.attempts);
                    e.notBefore = now + delay;
                    status.warn("alertmail: attempt " + e.attempts + " failed, retrying in " + delay
                            + " ms with the same key: " + result.detail());
                }
            }
        }
        if (done && queue.remove(e)) { // an in-flight email may have been written off by the shutdown report
            counters.emailsPending.decrementAndGet();
        }
        Runnable whenDone = e.whenDone;
        if (done && whenDone != null) {
            e.whenDone = null;
            whenDone.run();
        }
    }

    /** When a daily quota counted in UTC days resets: the next midnight UTC after {@code t}. */
    static Instant nextUtcMidnight(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC)
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    /** Exponential from 1 s, capped at 5 min, with jitter in [50 %, 100 %] so replicas spread out. */
    static long backoff(int attempts) {
        long base = Math.min(MAX_BACKOFF_MS, 1_000L << Math.min(attempts - 1, 20));
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    /** Everything still waiting (in flight included), for the shutdown report. */
    List<OutgoingEmail> remaining() {
        return new ArrayList<>(queue);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    void clear() {
        counters.emailsPending.addAndGet(-queue.size());
        queue.clear();
    }
}
