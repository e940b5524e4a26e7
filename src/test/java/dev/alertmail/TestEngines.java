package dev.alertmail;

import java.util.concurrent.Future;

/** The test-only route to an engine's worker: run the timers now instead of waiting for a tick. */
public final class TestEngines {

    private TestEngines() {}

    /**
     * What {@code kill -9} does to an engine, within one JVM: its worker never runs again (no tick,
     * no heartbeat, no send), and nothing is flushed nor handed over. The engine is not closed.
     */
    public static void kill(AlertEngine engine) throws ReflectiveOperationException, InterruptedException {
        java.lang.reflect.Field f = AlertEngine.class.getDeclaredField("worker");
        f.setAccessible(true);
        java.util.concurrent.ExecutorService worker = (java.util.concurrent.ExecutorService) f.get(engine);
        worker.shutdownNow();
        if (!worker.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("the worker did not stop");
        }
    }

    /** Plan, build and send what is due, on the engine's own worker thread. */
    public static Future<?> runDueWork(AlertEngine engine) {
        return engine.runDueWork();
    }
}
