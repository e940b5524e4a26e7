package dev.alertmail;

/**
 * Computes an event's {@link Fingerprint}: logger name + unformatted message pattern, and for an
 * exception its class, the root cause's class and the root cause's first in-application frames
 * (class and method, never line numbers, so a rebuild does not split an incident).
 *
 * <p>On the hot path: no allocation beyond the JDK's copy of the stack array, no locks.
 */
public final class Fingerprinter {

    static final int FRAMES = 5;
    static final int MAX_CAUSE_DEPTH = 100;
    static final int MAX_HASHED_CHARS = 2_000;

    private final InAppFrames inApp;

    public Fingerprinter(InAppFrames inApp) {
        this.inApp = inApp;
    }

    public Fingerprint fingerprint(String loggerName, String messagePattern, Throwable thrown) {
        Hasher h = new Hasher();
        h.add(loggerName);
        h.add(messagePattern);
        if (thrown != null) {
            Throwable root = rootCause(thrown);
            h.addName(thrown.getClass().getName());
            h.addName(root.getClass().getName());
            StackTraceElement[] frames = root.getStackTrace();
            int taken = 0;
            for (int i = 0; i < frames.length && taken < FRAMES; i++) {
                if (inApp.isInApp(frames[i].getClassName())) {
                    addFrame(h, frames[i]);
                    taken++;
                }
            }
            for (int i = 0; taken == 0 && i < frames.length && i < FRAMES; i++) {
                addFrame(h, frames[i]); // no application frame at all: the top frames identify the site
            }
        }
        return h.finish();
    }

    /** The deepest cause, stopping at cycles and at {@value #MAX_CAUSE_DEPTH} levels. */
    public static Throwable rootCause(Throwable t) {
        Throwable root = t;
        for (int depth = 0; depth < MAX_CAUSE_DEPTH; depth++) {
            Throwable cause = root.getCause();
            if (cause == null || cause == root || cause == t) {
                break;
            }
            root = cause;
        }
        return root;
    }

    private static void addFrame(Hasher h, StackTraceElement e) {
        h.addName(e.getClassName());
        h.addName(e.getMethodName());
    }

    /** Two independent 64-bit FNV-1a lanes, each finished with MurmurHash3's fmix64. */
    private static final class Hasher {
        private long a = 0xcbf29ce484222325L;
        private long b = 0x84222325cbf29ce4L;

        void add(String s) {
            if (s != null) {
                // a hostile 10 MB message must not make append slow: its head identifies it well enough
                for (int i = 0, n = Math.min(s.length(), MAX_HASHED_CHARS); i < n; i++) {
                    char c = s.charAt(i);
                    a = (a ^ c) * 0x100000001b3L;
                    b = (b ^ c) * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL;
                }
            }
            a = (a ^ 0x1F) * 0x100000001b3L; // separator: ("ab","c") != ("a","bc")
            b = (b ^ 0x1F) * 0x9E3779B97F4A7C15L;
        }

        /**
         * Class and method names come from code, not from log content, and the JVM hands out the
         * same String instances with their hash already cached: mixing hashCode and length costs
         * a few nanoseconds where hashing every character cost most of append's budget.
         */
        void addName(String s) {
            long v = s == null ? 0 : ((long) s.hashCode() << 32) ^ s.length();
            a = (a ^ v) * 0x100000001b3L;
            a ^= a >>> 29;
            b = (b ^ v) * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL;
            b ^= b >>> 31;
        }

        Fingerprint finish() {
            return new Fingerprint(fmix(a), fmix(b ^ a));
        }

        private static long fmix(long k) {
            k ^= k >>> 33;
            k *= 0xff51afd7ed558ccdL;
            k ^= k >>> 33;
            k *= 0xc4ceb9fe1a85ec53L;
            k ^= k >>> 33;
            return k;
        }
    }
}
