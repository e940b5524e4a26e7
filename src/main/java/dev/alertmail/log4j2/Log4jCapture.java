package dev.alertmail.log4j2;

import dev.alertmail.internal.capture.ContextLines;
import dev.alertmail.internal.capture.SampleBuilder;
import dev.alertmail.internal.capture.SampleCapture;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.ThrowableProxy;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.util.StringBuilderFormattable;
import org.jspecify.annotations.Nullable;

/**
 * What an incident keeps of a Log4j2 event, copied during {@code append} (events and messages may
 * be reused by Log4j2 afterwards); and the context lines, copied into preallocated slots without
 * allocating (Log4j2 works hard to be garbage-free; so does this).
 */
final class Log4jCapture implements SampleCapture<LogEvent> {

    /**
     * What a slot keeps of a message: more than an email shows, so that the window redacted ahead
     * of the email's cut ends before the slot's cut (see {@link SampleBuilder#MIN_CONTEXT_COPY}).
     */
    private static final int MAX_COPY = SampleBuilder.MIN_CONTEXT_COPY;

    /** A context-line slot, overwritten in place. */
    static final class Slot {
        long timeMillis;

        @Nullable
        Level level;

        String logger = "";
        StringBuilder message = new StringBuilder(64);
    }

    private final ContextLines<Slot> context;
    private final boolean callerData;

    Log4jCapture(ContextLines<Slot> context, boolean callerData) {
        this.context = context;
        this.callerData = callerData;
    }

    /** Appended on the thread that logged it (not behind an async logger or appender). */
    static boolean onItsThread(LogEvent event) {
        return event.getThreadId() == Thread.currentThread().getId();
    }

    /** Copies the event into its thread's newest slot. */
    void keep(LogEvent e, boolean onItsThread) {
        Slot s = onItsThread ? context.nextSlotHere() : context.nextSlotFor(e.getThreadId());
        if (s == null) {
            return;
        }
        s.timeMillis = e.getTimeMillis();
        s.level = e.getLevel();
        s.logger = e.getLoggerName() == null ? "" : e.getLoggerName();
        if (s.message.capacity() > 2 * MAX_COPY) {
            s.message = new StringBuilder(64); // one huge message must not stay allocated for good
        }
        s.message.setLength(0);
        Message m = e.getMessage();
        try {
            if (m instanceof StringBuilderFormattable f) {
                f.formatTo(s.message);
            } else if (m != null) {
                s.message.append(m.getFormattedMessage());
            }
        } catch (RuntimeException | StackOverflowError ex) { // an argument's toString() threw: the event still counts
            s.message.setLength(0);
            s.message
                    .append("[alertmail could not format this message: ")
                    .append(ex.getClass().getName())
                    .append(']');
        }
        if (s.message.length() > MAX_COPY) {
            s.message.setLength(MAX_COPY);
        }
    }

    private static String line(Slot s) {
        return ContextLines.format(s.timeMillis, s.level, s.logger, s.message);
    }

    @Override
    public void capture(LogEvent e, SampleBuilder b) {
        boolean here = onItsThread(e);
        b.timestamp(e.getTimeMillis())
                .level(e.getLevel().name())
                .logger(e::getLoggerName)
                .thread(e::getThreadName)
                .message(() -> e.getMessage() == null ? null : e.getMessage().getFormattedMessage())
                .mdc(() ->
                        e.getContextData() == null ? null : e.getContextData().toMap());
        Throwable t = e.getThrown();
        ThrowableProxy proxy = t == null ? e.getThrownProxy() : null;
        if (t != null) {
            b.throwable(() -> t);
        } else if (proxy != null) { // deserialized: only the proxy is left
            b.exception(
                    proxy.getName(),
                    proxy.getMessage(),
                    List.of(proxy.getExtendedStackTraceAsString("").split("\n")));
        } else if (callerData
                && here) { // location is computed from the current stack: right only on the logging thread
            b.callSite(e::getSource);
        }
        b.contextLines(() -> here
                ? context.precedingHere(Log4jCapture::line)
                : context.precedingFor(e.getThreadId(), Log4jCapture::line));
    }
}
