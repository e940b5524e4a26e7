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

    /** A capped copy of an MDC / ThreadContext map: at most {@value #MAX_MDC_ENTRIES} entries, values capped. */
    public static Map<String, String> copyMdc(Map<String, String> source) {
        if (source == null || source.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> m : source.entrySet()) {
            if (out.size() == MAX_MDC_ENTRIES) {
                break;
            }
            out.put(Text.cap(m.getKey(), 100), Text.cap(m.getValue(), MAX_MDC_VALUE));
        }
        return out;
    }

    /** One line of a rendered stack trace; {@code inApp} lines are highlighted, others may be folded. */
    public record TraceLine(String text, boolean inApp) {
    }
}
