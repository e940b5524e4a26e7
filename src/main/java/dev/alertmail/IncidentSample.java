package dev.alertmail;

import java.util.List;
import java.util.Map;

/**
 * The first occurrence of an incident, copied out of the logging event (events may be mutable or
 * reused by the framework). Every string here is untrusted log content: the renderer escapes and
 * redacts it. Sizes are capped by {@link Text#cap} at capture time, so an incident stays small.
 *
 * @param timestamp     epoch millis of the event
 * @param level         level name, e.g. {@code ERROR}
 * @param exceptionClass the thrown exception's class name, or {@code null} without a throwable
 * @param stackTrace    rendered cause chain, one entry per line, in-app lines flagged; empty without a throwable
 * @param contextLines  preceding log lines of the same thread, oldest first
 */
public record IncidentSample(long timestamp, String level, String loggerName, String threadName, String message,
                             String exceptionClass, String exceptionMessage, List<TraceLine> stackTrace,
                             Map<String, String> mdc, List<String> contextLines) {

    public static final int MAX_MESSAGE = 4_000;
    public static final int MAX_MDC_ENTRIES = 32;
    public static final int MAX_MDC_VALUE = 500;
    public static final int MAX_CONTEXT_LINE = 500;

    /** One line of a rendered stack trace; {@code inApp} lines are highlighted, others may be folded. */
    public record TraceLine(String text, boolean inApp) {
    }
}
