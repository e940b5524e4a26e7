package dev.alertmail;

import java.util.concurrent.Future;

/** The test-only route to an engine's worker: run the timers now instead of waiting for a tick. */
public final class TestEngines {

    private TestEngines() {}

    /** Plan, build and send what is due, on the engine's own worker thread. */
    public static Future<?> runDueWork(AlertEngine engine) {
        return engine.runDueWork();
    }
}
