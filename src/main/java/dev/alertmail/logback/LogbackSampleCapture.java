package dev.alertmail.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import dev.alertmail.ContextLines;
import dev.alertmail.InAppFrames;
import dev.alertmail.IncidentSample;
import dev.alertmail.IncidentSample.TraceLine;
import dev.alertmail.SampleCapture;
import dev.alertmail.StackTraces;
import dev.alertmail.Text;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Copies what an incident keeps out of a Logback event; runs once per new fingerprint. */
final class LogbackSampleCapture implements SampleCapture<ILoggingEvent> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final InAppFrames inApp;
    private final ContextLines<ILoggingEvent> context;

    LogbackSampleCapture(InAppFrames inApp, ContextLines<ILoggingEvent> context) {
        this.inApp = inApp;
        this.context = context;
    }

    @Override
    public IncidentSample capture(ILoggingEvent e) {
        Throwable t = ResendAlertAppender.throwable(e);
        IThrowableProxy proxy = e.getThrowableProxy();
        String exceptionClass = t != null ? t.getClass().getName() : proxy != null ? proxy.getClassName() : null;
        String exceptionMessage = t != null ? safeMessage(t) : proxy != null ? proxy.getMessage() : null;
        List<TraceLine> trace;
        if (t != null) {
            trace = StackTraces.render(t, inApp);
        } else if (proxy != null) { // a deserialized event: only the proxy's text is left
            trace = new ArrayList<>();
            for (String line : ThrowableProxyUtil.asString(proxy).split("\n")) {
                if (trace.size() >= StackTraces.MAX_LINES) {
                    break;
                }
                trace.add(new TraceLine(line, false));
            }
        } else {
            trace = List.of();
        }
        return new IncidentSample(e.getTimeStamp(), e.getLevel().toString(), e.getLoggerName(),
                Text.cap(e.getThreadName(), 200), Text.cap(e.getFormattedMessage(), IncidentSample.MAX_MESSAGE),
                exceptionClass, Text.cap(exceptionMessage, IncidentSample.MAX_MESSAGE), trace, mdc(e), contextLines(e.getThreadName()));
    }

    private static String safeMessage(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException ex) {
            return null;
        }
    }

    private static Map<String, String> mdc(ILoggingEvent e) {
        return IncidentSample.copyMdc(e.getMDCPropertyMap());
    }

    private List<String> contextLines(String thread) {
        List<ILoggingEvent> recent = context.recent(thread);
        List<String> lines = new ArrayList<>(recent.size());
        for (ILoggingEvent c : recent) {
            lines.add(Text.cap(TIME.format(Instant.ofEpochMilli(c.getTimeStamp())) + " " + c.getLevel() + " "
                    + c.getLoggerName() + " - " + c.getFormattedMessage(), IncidentSample.MAX_CONTEXT_LINE));
        }
        return lines;
    }
}
