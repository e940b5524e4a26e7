package dev.alertmail.internal.delivery;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an engine has done so far, written by the logging threads (events) and the worker (emails);
 * read through {@code dev.alertmail.AlertCounters}.
 */
public final class Counters {

    /** Events at or above {@code level} counted into incidents (overflow included). */
    public final LongAdder events = new LongAdder();
    /** Events that could not be counted because of an internal error (should stay 0). */
    public final LongAdder dropped = new LongAdder();

    public final LongAdder emailsSent = new LongAdder();
    public final LongAdder emailsRetried = new LongAdder();
    public final LongAdder emailsFailed = new LongAdder();
    public final LongAdder emailsDeduplicated = new LongAdder();
    public final LongAdder emailsHeldBack = new LongAdder();
    public final AtomicLong emailsPending = new AtomicLong();
}
