package dev.alertmail.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import dev.alertmail.internal.capture.ContextLines;
import dev.alertmail.internal.capture.SampleBuilder;
import dev.alertmail.internal.capture.SampleCapture;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an incident keeps of a Logback event, copied on the first occurrence of a fingerprint; and
 * the context lines: references to the thread's recent events (Logback's events are immutable
 * once logged), formatted only when an incident needs them.
 */
final class LogbackCapture implements SampleCapture<ILoggingEvent> {

    /** A context-line slot: the event itself (Logback's events do not change once logged). */
    static final class Slot {
        @Nullable
        ILoggingEvent event;
    }

    private final ContextLines<Slot> context;
    private final boolean callerData;

    LogbackCapture(ContextLines<Slot> context, boolean callerData) {
        this.context = context;
        this.callerData = callerData;
    }

    /** Keeps the event as its thread's newest line. */
    void keep(ILoggingEvent event, boolean onItsThread) {
        Slot slot = onItsThread ? context.nextSlotHere() : context.nextSlotFor(event.getThreadName());
        if (slot != null) {
            slot.event = event;
        }
    }

    /** Appended on the thread that logged it (not behind an AsyncAppender). */
    static boolean onItsThread(ILoggingEvent event) {
        String name = event.getThreadName();
        String current = Thread.currentThread().getName();
        return name == current || name.equals(current);
    }

    private static @Nullable String line(Slot s) {
        ILoggingEvent c = s.event;
        return c == null
                ? null
                : ContextLines.format(c.getTimeStamp(), c.getLevel(), c.getLoggerName(), c.getFormattedMessage());
    }

    @Override
    public void capture(ILoggingEvent e, SampleBuilder b) {
        boolean here = onItsThread(e);
        b.timestamp(e.getTimeStamp())
                .level(e.getLevel().toString())
                .logger(e::getLoggerName)
                .thread(e::getThreadName)
                .message(e::getFormattedMessage)
                .mdc(e::getMDCPropertyMap);
        IThrowableProxy proxy = e.getThrowableProxy();
        if (proxy instanceof ThrowableProxy tp) {
            b.throwable(tp::getThrowable);
        } else if (proxy != null) { // deserialized: only the proxy's text is left
            b.exception(
                    proxy.getClassName(),
                    proxy.getMessage(),
                    List.of(ThrowableProxyUtil.asString(proxy).split("\n")));
        } else if (callerData
                && here) { // caller data is computed from the current stack: only right on the logging thread
            b.callSite(() -> {
                StackTraceElement[] caller = e.getCallerData();
                return caller == null || caller.length == 0 ? null : caller[0];
            });
        }
        b.contextLines(() -> here
                ? context.precedingHere(LogbackCapture::line)
                : context.precedingFor(e.getThreadName(), LogbackCapture::line));
    }
}
