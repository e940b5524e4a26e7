package dev.alertmail.logback;

/** Throwables of hostile shapes. */
final class Shapes {

    private Shapes() {}

    static Throwable deepStack(int frames) {
        StackTraceElement[] st = new StackTraceElement[frames];
        for (int i = 0; i < frames; i++) {
            st[i] = new StackTraceElement("com.shop.Recursive", "call" + (i % 7), "Recursive.java", i);
        }
        Throwable t = new StackOverflowError();
        t.setStackTrace(st);
        return t;
    }

    static Throwable causeChain(int depth) {
        Throwable t = new IllegalStateException("root");
        for (int i = 0; i < depth; i++) {
            t = new RuntimeException("level " + i, t);
        }
        return t;
    }

    static Throwable cyclicChain() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        return a;
    }

    static Throwable withSuppressed(int n) {
        Throwable t = new IllegalStateException("with suppressed");
        for (int i = 0; i < n; i++) {
            t.addSuppressed(new java.io.IOException("close " + i));
        }
        return t;
    }
}
