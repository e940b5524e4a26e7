package dev.alertmail.log4j2;

import dev.alertmail.ContextLines;
import dev.alertmail.InAppFrames;
import dev.alertmail.IncidentSample;
import dev.alertmail.SampleCapture;
import dev.alertmail.StackTraces;
import dev.alertmail.Text;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.core.LogEvent;

/**
 * Copies what an incident keeps out of a Log4j2 event. Runs synchronously inside {@code append},
 * so even a reused (mutable) event is still intact here; nothing refers to it afterwards.
 */
final class Log4jSampleCapture implements SampleCapture<LogEvent> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final InAppFrames inApp;
    private final ContextLines<ResendAlertAppender.ContextLine> context;

    Log4jSampleCapture(InAppFrames inApp, ContextLines<ResendAlertAppender.ContextLine> context) {
        this.inApp = inApp;
        this.context = context;
    }

    @Override
    public IncidentSample capture(LogEvent e) {
        Throwable t = e.getThrown();
        String exceptionMessage = null;
        if (t != null) {
            try {
                exceptionMessage = t.getMessage();
            } catch (RuntimeException ex) {
                exceptionMessage = null;
            }
        }
        return new IncidentSample(e.getTimeMillis(), e.getLevel().name(), e.getLoggerName(),
                Text.cap(e.getThreadName(), 200),
                Text.cap(e.getMessage() == null ? null : e.getMessage().getFormattedMessage(), IncidentSample.MAX_MESSAGE),
                t == null ? null : t.getClass().getName(), Text.cap(exceptionMessage, IncidentSample.MAX_MESSAGE),
                StackTraces.render(t, inApp), mdc(e), contextLines(e.getThreadName()));
    }

    private static Map<String, String> mdc(LogEvent e) {
        return IncidentSample.copyMdc(e.getContextData() == null ? null : e.getContextData().toMap());
    }

    private List<String> contextLines(String thread) {
        List<ResendAlertAppender.ContextLine> recent = context.recent(thread);
        List<String> lines = new ArrayList<>(recent.size());
        for (ResendAlertAppender.ContextLine c : recent) {
            lines.add(Text.cap(TIME.format(Instant.ofEpochMilli(c.timeMillis())) + " " + c.level() + " "
                    + c.logger() + " - " + c.message(), IncidentSample.MAX_CONTEXT_LINE));
        }
        return lines;
    }
}
