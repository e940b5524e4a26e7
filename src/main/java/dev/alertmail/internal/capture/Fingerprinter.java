package dev.alertmail.internal.capture;

import org.jspecify.annotations.Nullable;

/**
 * Computes an event's fingerprint into the calling thread's {@link FingerprintProbe}: logger name +
 * the unformatted message pattern — as written when it has SLF4J {@code {}} placeholders, else as
 * its {@link MessageTemplate} (values replaced by placeholders, so a message built by
 * concatenation groups like an SLF4J pattern) — and for an exception its class, the root cause's class and the
 * root cause's first in-application frames (class and method, never line numbers, so a rebuild
 * does not split an incident).
 *
 * <p>A repeat allocates nothing. A {@link Throwable} logged again (a cached or rethrown instance)
 * is recognised by identity, so its synchronized {@code getCause()}/{@code getStackTrace()} are
 * not called on every event from every thread; a pattern seen again (an SLF4J literal is the same
 * String every time) reuses its template's hash ({@link IdentityMemo}).
 */
public final class Fingerprinter {

    static final int FRAMES = 5;
    static final int MAX_CAUSE_DEPTH = 100;

    private final FrameClassifier frames;
    private final IdentityMemo<Throwable> shared = new IdentityMemo<>();
    private final IdentityMemo<String> patterns = new IdentityMemo<>();
    private final ThreadLocal<FingerprintProbe> probes = ThreadLocal.withInitial(FingerprintProbe::new);

    public Fingerprinter(FrameClassifier frames) {
        this.frames = frames;
    }

    /** Uses {@code access} to read {@code thrown} (a Throwable: {@link ThrowableAccess#JDK}; a framework's proxy). */
    public <T, F> FingerprintProbe of(
            String loggerName, @Nullable String pattern, @Nullable T thrown, ThrowableAccess<T, F> access) {
        FingerprintProbe p = start(loggerName, pattern);
        if (thrown != null) {
            long a = p.a;
            long b = p.b;
            Throwable original = access.original(thrown);
            if (original == null || !shared.lookup(original, p)) {
                hashThrowable(p, thrown, access);
                if (original != null) {
                    shared.remember(original, p.a, p.b);
                }
            }
            p.mixInto(a, b);
        }
        p.finish();
        return p;
    }

    private FingerprintProbe start(String loggerName, @Nullable String pattern) {
        FingerprintProbe p = probes.get();
        p.start();
        p.addText(loggerName);
        long a = p.a;
        long b = p.b;
        String text = pattern == null ? "" : pattern;
        if (!patterns.lookup(text, p)) {
            p.start();
            if (text.contains("{}")) {
                p.addText(text); // SLF4J's placeholders already hold the values: the rest is the sentence ("step 3")
            } else {
                p.addTemplate(text);
            }
            patterns.remember(text, p.a, p.b);
        }
        p.mixInto(a, b);
        return p;
    }

    /** The throwable's own part, from a fixed start: the same for every logger and pattern, so it can be cached. */
    private <T, F> void hashThrowable(FingerprintProbe p, T thrown, ThrowableAccess<T, F> access) {
        p.start();
        T root = rootCause(thrown, access);
        p.addHash(frames.of(access.className(thrown)).hash());
        p.addHash(frames.of(access.className(root)).hash());
        F stack = access.frames(root);
        int n = access.frameCount(stack);
        int taken = 0;
        for (int i = 0; i < n && taken < FRAMES; i++) {
            StackTraceElement e = access.frame(stack, i);
            FrameClassifier.Info info = frames.of(e.getClassName());
            if (info.inApp()) {
                addFrame(p, info, e);
                taken++;
            }
        }
        for (int i = 0; taken == 0 && i < n && i < FRAMES; i++) {
            StackTraceElement e = access.frame(stack, i); // no application frame: the top frames identify the site
            addFrame(p, frames.of(e.getClassName()), e);
        }
    }

    /**
     * Method frames come from code and are the same String instances with their hash cached; their
     * generated parts (lambda numbering) are deterministic per build.
     */
    private static void addFrame(FingerprintProbe p, FrameClassifier.Info info, StackTraceElement e) {
        String method = e.getMethodName();
        p.addHash(info.hash() ^ (((long) method.hashCode() << 32) | method.length()));
    }

    /** The deepest cause, stopping at cycles and at {@value #MAX_CAUSE_DEPTH} levels. */
    static <T> T rootCause(T t, ThrowableAccess<T, ?> access) {
        T root = t;
        for (int depth = 0; depth < MAX_CAUSE_DEPTH; depth++) {
            T cause = access.cause(root);
            if (cause == null || cause == root || cause == t) {
                break;
            }
            root = cause;
        }
        return root;
    }
}
