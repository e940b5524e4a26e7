package dev.alertmail.internal.capture;

import dev.alertmail.internal.text.Text;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The first occurrence of an incident, copied out of the logging event (events may be mutable or
 * reused by the framework). Every string is log content: already redacted and capped when it got
 * here ({@link SampleBuilder}), still to be escaped wherever it is shown.
 *
 * @param exceptionClass the thrown exception's class name, or {@code null} without a throwable
 * @param stackTrace     rendered cause chain, in-app lines flagged; empty without a throwable
 * @param contextLines   preceding log lines of the same thread, oldest first
 * @param callSite       {@code Class.method:line} of an error logged without a throwable, when known
 */
public record IncidentSample(long timestamp, String level, String loggerName, String threadName, String message,
                      @Nullable String exceptionClass, @Nullable String exceptionMessage, List<TraceLine> stackTrace,
                      Map<String, String> mdc, List<String> contextLines, @Nullable String callSite) {

    public static final int MAX_MESSAGE = 4_000;
    public static final int MAX_MDC_ENTRIES = 32;
    static final int MAX_MDC_KEY = 100;
    static final int MAX_MDC_VALUE = 500;
    static final int MAX_CONTEXT_LINE = 500;
    static final int MAX_NAME = 200;

    /** One line of a rendered stack trace; {@code inApp} lines are highlighted, others may be folded. */
    public record TraceLine(String text, boolean inApp) {
    }

    public static IncidentSample overflow(int maxIncidents, long now) {
        return new IncidentSample(now, "ERROR", "alertmail", "-", "More distinct errors than maxIncidents ("
                + maxIncidents + ") were logged; the surplus is counted here", null, null, List.of(), Map.of(),
                List.of(), null);
    }

    /** "IllegalStateException: message" or, without a throwable, the message's first line. */
    public String title() {
        String msg = exceptionClass != null && exceptionMessage != null ? exceptionMessage : message;
        String first = Text.cap(Text.firstLine(msg), 300);
        return exceptionClass != null ? Text.simpleName(exceptionClass) + ": " + first : first;
    }

    /** Exception simple name, or the logger's simple name for an error without a throwable. */
    public String headline() {
        return exceptionClass != null ? Text.simpleName(exceptionClass) : Text.simpleName(loggerName);
    }
}
