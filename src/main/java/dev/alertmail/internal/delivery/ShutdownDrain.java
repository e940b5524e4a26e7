package dev.alertmail.internal.delivery;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends what the outbox holds on the stopping thread, before a deadline: every attempt's socket
 * timeouts are capped by the time left, a transient failure is retried after a short real-time
 * pause, and an email the worker still has in flight is left to it (the stop does not wait for
 * a stalled connection beyond the deadline).
 */
public final class ShutdownDrain {

    private static final long POLL_MILLIS = 50;

    private final Outbox outbox;
    private final EmailTransport transport;
    private final ReentrantLock lock;
    private final Ticker ticker;

    ShutdownDrain(Outbox outbox, EmailTransport transport, ReentrantLock lock, Ticker ticker) {
        this.outbox = outbox;
        this.transport = transport;
        this.lock = lock;
        this.ticker = ticker;
    }

    void run(long deadlineNanos) {
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (left <= 0) {
                return;
            }
            OutgoingEmail e;
            boolean empty;
            lock.lock();
            try {
                e = outbox.next(ticker.monotonicMillis(), true);
                // a spent daily quota: nothing can go before it resets, so the stop does not wait for it
                empty = outbox.isEmpty() || outbox.waitingForQuota(ticker.monotonicMillis());
            } finally {
                lock.unlock();
            }
            if (empty) {
                return;
            }
            if (e == null) {
                pause(Math.min(POLL_MILLIS, left)); // the worker's send in flight, or the per-second pace
                continue;
            }
            SendResult r = Delivery.attempt(transport, e, left);
            lock.lock();
            try {
                outbox.record(e, r, ticker.monotonicMillis());
            } finally {
                lock.unlock();
            }
            if (r.outcome() == SendResult.Outcome.RETRY) {
                pause(Math.min(200L * e.attempts, Math.min(1_000, left)));
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the stopping thread has nothing else to do
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
