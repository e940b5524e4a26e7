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
 * @param lead           for an exception logged by a framework's or container's logger (Tomcat's
 *                       {@code [dispatcherServlet]}, Spring's scheduler): the real failure, which
 *                       titles the incident instead of the framework's sentence; else {@code null}
 */
public record IncidentSample(
        long timestamp,
        String level,
        String loggerName,
        String threadName,
        String message,
        @Nullable String exceptionClass,
        @Nullable String exceptionMessage,
        List<TraceLine> stackTrace,
        Map<String, String> mdc,
        List<String> contextLines,
        @Nullable String callSite,
        @Nullable Lead lead) {

    /**
     * The failure behind a framework's log line: the root cause's class and message, and its first
     * in-application frame ({@code OrderController.place}), when it has one.
     */
    public record Lead(
            String exceptionClass, String message, @Nullable String site) {

        /** {@code RuntimeException in OrderController.place}. */
        public String headline() {
            return Text.simpleName(exceptionClass) + (site == null ? "" : " in " + site);
        }
    }

    public static final int MAX_MESSAGE = 4_000;
    public static final int MAX_MDC_ENTRIES = 32;
    static final int MAX_MDC_KEY = 100;
    static final int MAX_MDC_VALUE = 500;
    static final int MAX_CONTEXT_LINE = 500;
    static final int MAX_NAME = 200;

    /** One line of a rendered stack trace; {@code inApp} lines are highlighted, others may be folded. */
    public record TraceLine(String text, boolean inApp) {}

    /** The message a subject's {@code %message} shows: the lead's, the message, or the exception's. */
    public String subjectMessage() {
        if (lead != null && !lead.message().isEmpty()) {
            return Text.firstLine(lead.message());
        }
        return Text.firstLine(message.isEmpty() && exceptionMessage != null ? exceptionMessage : message);
    }

    /** A sample that is a line of text only: the overflow incident, a test alert, a sample that went missing. */
    public static IncidentSample ofMessage(long timestamp, String logger, String thread, String message) {
        return new IncidentSample(
                timestamp, "ERROR", logger, thread, message, null, null, List.of(), Map.of(), List.of(), null, null);
    }

    public static IncidentSample overflow(int maxIncidents, long now) {
        return ofMessage(
                now,
                "alertmail",
                "-",
                "More distinct errors than maxIncidents (" + maxIncidents
                        + ") were logged; the surplus is counted here");
    }

    /**
     * "IllegalStateException: message" or, without a throwable, the message's first line; for a
     * framework's log line, "RuntimeException in OrderController.place: root cause's message".
     */
    public String title() {
        if (lead != null) {
            String first = Text.cap(Text.firstLine(lead.message()), 300);
            return first.isEmpty() ? lead.headline() : lead.headline() + ": " + first;
        }
        String msg = exceptionClass != null && exceptionMessage != null ? exceptionMessage : message;
        String first = Text.cap(Text.firstLine(msg), 300);
        return exceptionClass != null ? Text.simpleName(exceptionClass) + ": " + first : first;
    }

    /**
     * Exception simple name, or the logger's simple name for an error without a throwable; for a
     * framework's log line, the root cause's simple name and where it was thrown.
     */
    public String headline() {
        if (lead != null) {
            return lead.headline();
        }
        return exceptionClass != null ? Text.simpleName(exceptionClass) : Text.simpleName(loggerName);
    }
}
