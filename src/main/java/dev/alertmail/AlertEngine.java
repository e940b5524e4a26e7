package dev.alertmail;

import java.util.concurrent.Future;

/**
 * What a user holds of one appender's core: its name, its counters, a configuration check, and
 * {@link #close()}. The appenders hand it out ({@code appender.getEngine()}); it is registered in
 * JMX as {@code dev.alertmail:type=Appender,name=<name>} ({@link AlertEngineMXBean}).
 */
public interface AlertEngine extends AutoCloseable {

    /** Logging-context object key for a {@link java.time.Clock} to use instead of the system clock (tests move time by hand). */
    String CLOCK_KEY = "dev.alertmail.clock";

    /** The appender's name this engine was started for. */
    String name();

    /** What this engine has done so far: a live view, read from any thread. */
    AlertCounters counters();

    /** Distinct incidents currently tracked (at most {@code maxIncidents}). */
    long incidentsTracked();

    /** Its place in a fleet of replicas ({@code redisUri}); {@link FleetStatus#NONE} without one. */
    FleetStatus fleet();

    /** On the worker thread: connect, secure, authenticate and, with {@code sendTest}, send one sample alert. */
    Future<CheckResult> check(boolean sendTest);

    /**
     * Flushes everything not yet reported into a last email and sends what is pending, within
     * {@code shutdownTimeout}; then reports, with counts, whatever could not be delivered.
     */
    @Override
    void close();
}
