package dev.alertmail.internal.engine;

import dev.alertmail.AlertEngine;
import dev.alertmail.internal.capture.ThrowableAccess;
import java.util.concurrent.Future;

/** The test-only route to an engine's worker: run the timers now instead of waiting for a tick. */
public final class TestEngines {

    private TestEngines() {}

    /** Dies like a killed process (kill -9): no flush, no stop; its journal as last written is left for the next life. */
    public static void crash(AlertEngine engine) throws InterruptedException {
        ((Engine) engine).crash();
    }

    /** Plan, build and send what is due, on the engine's own worker thread. */
    public static Future<?> runDueWork(AlertEngine engine) {
        return ((Engine) engine).runDueWork();
    }

    /** The name of the engine's worker thread: tests log from a thread of that name. */
    public static String senderThreadName(AlertEngine engine) {
        return ((Engine) engine).senderThreadName();
    }

    /** {@code n} errors without a throwable, recorded as an adapter records them, each message being the pattern. */
    public static void errors(Engine e, String logger, String pattern, int n) {
        for (int i = 0; i < n; i++) {
            e.record(logger, pattern, null, ThrowableAccess.JDK, pattern, (ev, b) -> b.message(() -> ev), false);
        }
    }
}
