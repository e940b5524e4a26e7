package dev.alertmail.internal.capture;

import com.github.benmanes.caffeine.cache.Interner;
import dev.alertmail.internal.capture.IncidentSample.TraceLine;
import dev.alertmail.internal.config.Redactor;
import dev.alertmail.internal.text.Text;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Where an adapter's {@link SampleCapture} puts what it reads from an event, one field at a time:
 * a field that cannot be read (a throwing {@code toString}, an MDC without an adapter) is noted and
 * the others are kept. Every string is redacted, then capped: a secret straddling a cap never
 * leaves a prefix behind.
 */
public final class SampleBuilder {

    /** The most of a context line an email shows ({@value}). */
    public static final int MAX_CONTEXT_LINE = IncidentSample.MAX_CONTEXT_LINE;

    /** Secrets are shorter than this: one starting before the cap ends inside the redacted window. */
    private static final int REDACT_MARGIN = 1_024;

    /**
     * The least of a message an adapter must keep when it copies one into a context-line slot
     * ({@value}): the line (prefix + message) is then longer than the window {@link #clean} redacts,
     * so the slot's cut lies behind it and is never shown. A slot that kept only
     * {@link #MAX_CONTEXT_LINE} chars would hand over a cut that looks like the end of the line:
     * after an earlier redaction shortened the line, a partial secret there (a card number cut
     * below what its pattern matches) would be shown.
     */
    public static final int MIN_CONTEXT_COPY = MAX_CONTEXT_LINE + REDACT_MARGIN;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final FrameClassifier names;
    private final Redactor redactor;
    private final Interner<List<TraceLine>> traces;
    private long timestamp;
    private String level = "ERROR";
    private String logger = "unknown";
    private String thread = "unknown";
    private String message = "";
    private @Nullable String exceptionClass;
    private @Nullable String exceptionMessage;
    private List<TraceLine> trace = List.of();
    private Map<String, String> mdc = Map.of();
    private List<String> context = List.of();
    private @Nullable String callSite;
    private IncidentSample.@Nullable Lead rootCause;

    SampleBuilder(FrameClassifier names, Redactor redactor, Interner<List<TraceLine>> traces, long now) {
        this.names = names;
        this.redactor = redactor;
        this.traces = traces;
        this.timestamp = now;
    }

    public SampleBuilder timestamp(long epochMillis) {
        timestamp = epochMillis;
        return this;
    }

    public SampleBuilder level(String name) {
        level = name;
        return this;
    }

    public SampleBuilder logger(Supplier<@Nullable String> read) {
        logger = clean(read(read, "logger"), IncidentSample.MAX_NAME);
        return this;
    }

    public SampleBuilder thread(Supplier<@Nullable String> read) {
        thread = clean(read(read, "thread name"), IncidentSample.MAX_NAME);
        return this;
    }

    /** The formatted message, whole (several lines stay several lines). */
    public SampleBuilder message(Supplier<@Nullable String> read) {
        message = clean(read(read, "message"), IncidentSample.MAX_MESSAGE);
        return this;
    }

    public SampleBuilder mdc(Supplier<@Nullable Map<String, String>> read) {
        try {
            Map<String, String> source = read.get();
            if (source != null && !source.isEmpty()) {
                Map<String, String> out = new LinkedHashMap<>();
                for (Map.Entry<String, String> m : source.entrySet()) {
                    if (out.size() == IncidentSample.MAX_MDC_ENTRIES) {
                        break;
                    }
                    out.put(
                            clean(m.getKey(), IncidentSample.MAX_MDC_KEY),
                            clean(m.getValue(), IncidentSample.MAX_MDC_VALUE));
                }
                mdc = out;
            }
        } catch (RuntimeException | LinkageError e) {
            mdc = Map.of(
                    "alertmail", "the MDC could not be copied: " + e.getClass().getName());
        }
        return this;
    }

    /** Class, message and cause chain of the exception, each read on its own. */
    public SampleBuilder throwable(Supplier<@Nullable Throwable> read) {
        Throwable t;
        try {
            t = read.get();
        } catch (RuntimeException | LinkageError e) {
            exceptionClass = "unknown";
            exceptionMessage = unreadable("exception", e);
            return this;
        }
        if (t != null) {
            exceptionClass = t.getClass().getName();
            exceptionMessage = clean(read(t::getMessage, "exception message"), IncidentSample.MAX_MESSAGE);
            List<TraceLine> lines;
            try {
                lines = StackTraces.render(t, names);
            } catch (RuntimeException | StackOverflowError e) {
                lines = List.of(new TraceLine(unreadable("stack trace", e), false));
            }
            trace = cleanTrace(lines);
            rootCause = rootCause(t);
        }
        return this;
    }

    /** The root cause, its message and its first in-application frame; {@code null} if unreadable. */
    private IncidentSample.@Nullable Lead rootCause(Throwable t) {
        try {
            Throwable root = Fingerprinter.rootCause(t, ThrowableAccess.JDK);
            String site = null;
            for (StackTraceElement e : root.getStackTrace()) {
                if (names.isInApp(e.getClassName())) {
                    site = site(e.getClassName(), e.getMethodName());
                    break;
                }
            }
            return new IncidentSample.Lead(
                    root.getClass().getName(),
                    clean(read(root::getMessage, "exception message"), IncidentSample.MAX_MESSAGE),
                    site);
        } catch (RuntimeException | StackOverflowError e) {
            return null; // the title falls back to the logged line
        }
    }

    /** {@code OrderController.place}: simple class name (generated parts removed) and method, a lambda as its method. */
    private String site(String className, String method) {
        String m = method;
        if (m.startsWith("lambda$")) { // lambda$place$0
            int end = m.indexOf('$', 7);
            m = end > 7 ? m.substring(7, end) : m;
        }
        return clean(Text.simpleName(FrameClassifier.normalise(className)) + "." + m, IncidentSample.MAX_NAME);
    }

    /** For an event that carries only a rendered form of its exception (deserialized, proxied). */
    public SampleBuilder exception(String className, @Nullable String message, List<String> traceLines) {
        exceptionClass = className;
        String cleanMessage = clean(message, IncidentSample.MAX_MESSAGE);
        exceptionMessage = cleanMessage;
        List<TraceLine> lines = new ArrayList<>();
        for (String line : traceLines) {
            if (lines.size() == StackTraces.MAX_LINES) {
                break;
            }
            String t = line.trim();
            boolean inApp = t.startsWith("at ") && names.isInApp(frameClass(t.substring(3)));
            lines.add(new TraceLine(line, inApp));
        }
        trace = cleanTrace(lines);
        rootCause = rootCause(className, cleanMessage, traceLines);
        return this;
    }

    /** The same from a rendered trace: the last top-level "Caused by:" and the first in-app frame after it. */
    private IncidentSample.Lead rootCause(String className, String message, List<String> traceLines) {
        String rootClass = className;
        String rootMessage = message;
        int from = 0;
        for (int i = 0; i < traceLines.size(); i++) {
            String line = traceLines.get(i);
            if (line.startsWith("Caused by: ")) {
                String header = line.substring("Caused by: ".length());
                int colon = header.indexOf(": ");
                rootClass = (colon < 0 ? header : header.substring(0, colon)).trim();
                rootMessage = clean(colon < 0 ? "" : header.substring(colon + 2), IncidentSample.MAX_MESSAGE);
                from = i;
            }
        }
        String site = null;
        for (int pass = 0; pass < 2 && site == null; pass++) { // the root's own frames, else any in-app frame
            for (int i = pass == 0 ? from : 0; i < traceLines.size() && site == null; i++) {
                String t = traceLines.get(i).trim();
                if (t.startsWith("at ")) {
                    String frame = t.substring(3);
                    int paren = frame.indexOf('(');
                    String method = paren < 0 ? frame : frame.substring(0, paren);
                    String cls = frameClass(frame);
                    if (names.isInApp(cls)) {
                        site = site(cls, method.substring(Math.min(method.length(), cls.length() + 1)));
                    }
                } else if (pass == 0 && i > from && t.startsWith("Caused by: ")) {
                    break;
                }
            }
        }
        return new IncidentSample.Lead(rootClass, rootMessage, site);
    }

    /** Where an error without a throwable was logged. */
    public SampleBuilder callSite(Supplier<@Nullable StackTraceElement> read) {
        try {
            StackTraceElement e = read.get();
            if (e != null) {
                callSite = clean(
                        e.getClassName() + "." + e.getMethodName()
                                + (e.getLineNumber() >= 0 ? ":" + e.getLineNumber() : ""),
                        IncidentSample.MAX_NAME);
            }
        } catch (RuntimeException | LinkageError e) {
            callSite = null; // optional detail
        }
        return this;
    }

    /**
     * Preceding lines of the same thread, formatted by {@link #contextLine}, oldest first. In a
     * storm the incidents of one thread share most of their lines: adapters format each line once
     * and hand the same String again, and a line that needs no redaction or cut is kept as it is.
     */
    public SampleBuilder contextLines(Supplier<List<String>> read) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : read.get()) {
                out.add(clean(line, IncidentSample.MAX_CONTEXT_LINE));
            }
            context = List.copyOf(out);
        } catch (RuntimeException | LinkageError e) {
            context = List.of(unreadable("context lines", e));
        }
        return this;
    }

    /** The one format of a context line: {@code HH:mm:ss.SSS LEVEL logger - message} (UTC). */
    public static String contextLine(
            long epochMillis, @Nullable Object level, String logger, @Nullable CharSequence message) {
        return TIME.format(Instant.ofEpochMilli(epochMillis)) + " " + level + " " + logger + " - " + message;
    }

    IncidentSample build() {
        // a framework's or container's logger says what happened to it; the root cause says what failed
        IncidentSample.Lead lead =
                exceptionClass != null && rootCause != null && !names.isInApp(logger) ? rootCause : null;
        return new IncidentSample(
                timestamp,
                level,
                logger,
                thread,
                message,
                exceptionClass,
                exceptionMessage,
                trace,
                mdc,
                context,
                callSite,
                lead);
    }

    /** Incidents from one throw site (many patterns, loggers) share one copy of their trace. */
    private List<TraceLine> cleanTrace(List<TraceLine> lines) {
        List<TraceLine> out = new ArrayList<>(lines.size());
        for (TraceLine l : lines) {
            out.add(new TraceLine(clean(l.text(), StackTraces.MAX_LINE), l.inApp()));
        }
        return traces.intern(List.copyOf(out));
    }

    /**
     * Redact first, then cap: a secret across the cut leaves nothing behind. Only a window of
     * {@code max} + {@value #REDACT_MARGIN} chars is redacted, so a 10 MB message costs no more than
     * a long one; and of a window cut from a longer text, only what its first {@code max} chars
     * became is shown. The rest of the window completes the secrets that start before {@code max};
     * its own end may cut one below what its pattern matches, so it is never shown — even when an
     * earlier redaction (a long token) made the redacted text shorter than {@code max}.
     */
    private String clean(@Nullable String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max + REDACT_MARGIN) {
            return Text.cap(redactor.apply(s), max);
        }
        Redactor.Redacted head = redactor.applyHead(s.substring(0, max + REDACT_MARGIN), max);
        String shown =
                head.text().substring(0, Math.min(head.safeEnd(), head.text().length()));
        int total = head.text().length() + s.length() - (max + REDACT_MARGIN); // about: the tail is not redacted
        return Text.cap(shown, max, Math.max(total, shown.length() + 1));
    }

    private static @Nullable String read(Supplier<@Nullable String> read, String what) {
        try {
            return read.get();
        } catch (RuntimeException | LinkageError e) {
            return unreadable(what, e);
        }
    }

    private static String unreadable(String what, Throwable e) {
        return "[alertmail could not copy the " + what + ": " + e.getClass().getName() + "]";
    }

    private static String frameClass(String frame) {
        int paren = frame.indexOf('(');
        String method = paren < 0 ? frame : frame.substring(0, paren);
        int dot = method.lastIndexOf('.');
        return dot < 0 ? method : method.substring(0, dot);
    }

    /** Makes samples for one engine; a capture that throws still yields a countable incident. */
    public static final class Factory {
        private final FrameClassifier names;
        private final Redactor redactor;
        private final Interner<List<TraceLine>> traces = Interner.newWeakInterner();

        public Factory(FrameClassifier names, Redactor redactor) {
            this.names = names;
            this.redactor = redactor;
        }

        public <E> IncidentSample capture(E event, SampleCapture<E> capture, long now) {
            SampleBuilder b = new SampleBuilder(names, redactor, traces, now);
            try {
                capture.capture(event, b);
            } catch (RuntimeException | LinkageError e) {
                b.message = b.message.isEmpty() ? unreadable("event", e) : b.message;
            }
            return b.build();
        }
    }
}
