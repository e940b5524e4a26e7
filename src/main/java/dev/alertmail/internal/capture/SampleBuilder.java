package dev.alertmail.internal.capture;

import com.github.benmanes.caffeine.cache.Interner;
import dev.alertmail.internal.capture.IncidentSample.TraceLine;
import dev.alertmail.internal.config.Redactor;
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

    /**
     * The least of a message an adapter must keep when it copies one into a context-line slot
     * ({@value}): the line (prefix + message) is then longer than the window {@link #clean} redacts,
     * so the slot's cut lies behind it and is never shown. A slot that kept only
     * {@link #MAX_CONTEXT_LINE} chars would hand over a cut that looks like the end of the line:
     * after an earlier redaction shortened the line, a partial secret there (a card number cut
     * below what its pattern matches) would be shown.
     */
    public static final int MIN_CONTEXT_COPY = MAX_CONTEXT_LINE + Redactor.MARGIN;

    private final FrameClassifier frames;
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

    SampleBuilder(FrameClassifier frames, Redactor redactor, Interner<List<TraceLine>> traces, long now) {
        this.frames = frames;
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
                lines = StackTraces.render(t, frames);
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
                if (frames.isInApp(e.getClassName())) {
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

    private String site(String className, String method) {
        return clean(RenderedTrace.site(className, method), IncidentSample.MAX_NAME);
    }

    /** For an event that carries only a rendered form of its exception (deserialized, proxied). */
    public SampleBuilder exception(String className, @Nullable String message, List<String> traceLines) {
        exceptionClass = className;
        String cleanMessage = clean(message, IncidentSample.MAX_MESSAGE);
        exceptionMessage = cleanMessage;
        trace = cleanTrace(RenderedTrace.lines(traceLines, frames));
        RenderedTrace.Root root = RenderedTrace.root(className, traceLines, frames);
        rootCause = new IncidentSample.Lead(
                root.className(),
                root.message() == null ? cleanMessage : clean(root.message(), IncidentSample.MAX_MESSAGE),
                root.siteClass() == null ? null : site(root.siteClass(), root.siteMethod()));
        return this;
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
     * Preceding lines of the same thread, formatted by {@link ContextLines#format}, oldest first. In a
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

    IncidentSample build() {
        // a framework's or container's logger says what happened to it; the root cause says what failed
        IncidentSample.Lead lead =
                exceptionClass != null && rootCause != null && !frames.isInApp(logger) ? rootCause : null;
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

    /** Redacted, then capped to {@code max}: everything a sample shows goes through here. */
    private String clean(@Nullable String s, int max) {
        return redactor.redactAndCap(s, max);
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

    /** Makes samples for one engine; a capture that throws still yields a countable incident. */
    public static final class Factory {
        private final FrameClassifier frames;
        private final Redactor redactor;
        private final Interner<List<TraceLine>> traces = Interner.newWeakInterner();

        public Factory(FrameClassifier frames, Redactor redactor) {
            this.frames = frames;
            this.redactor = redactor;
        }

        public <E> IncidentSample capture(E event, SampleCapture<E> capture, long now) {
            SampleBuilder b = new SampleBuilder(frames, redactor, traces, now);
            try {
                capture.capture(event, b);
            } catch (RuntimeException | LinkageError e) {
                b.message = b.message.isEmpty() ? unreadable("event", e) : b.message;
            }
            return b.build();
        }
    }
}
