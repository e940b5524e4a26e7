package dev.alertmail.testing;

import dev.alertmail.AlertEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An application configured from a real logback.xml or log4j2.xml, as a user would. */
public interface AlertApp extends AutoCloseable {

    TestLog log(String loggerName);

    /** Puts a value in the MDC / ThreadContext of the calling thread, or removes it when null. */
    void mdc(String key, String value);

    AlertEngine engine();

    /** The engine of another alertmail appender of this configuration. */
    AlertEngine engine(String appender);

    /** Configures the application again from its file, as a file change or a management call would. */
    void reconfigure(Map<String, String> changedProperties);

    /** Runs every named appender's timers once and waits. */
    default void runDueWork(String... appenders) {
        for (String a : appenders) {
            try {
                dev.alertmail.internal.engine.TestEngines.runDueWork(engine(a))
                        .get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The clock the application was configured with ({@code null}: the system clock). */
    java.time.@Nullable Clock clock();

    /** Time passes by {@code d} on the application's {@link MutableClock}, then the appender runs what fell due. */
    default void advance(Duration d) {
        if (!(clock() instanceof MutableClock c)) {
            throw new IllegalStateException("this application runs on the system clock: pass a MutableClock");
        }
        c.advance(d);
        runDueWork();
    }

    /** Runs the appender's timers once on its worker thread and waits for it. */
    default void runDueWork() {
        try {
            dev.alertmail.internal.engine.TestEngines.runDueWork(engine())
                    .get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    String statusText();

    List<String> errors();

    /** Whether the ALERTS appender exists and runs. */
    boolean alertsRunning();

    @Override
    void close();
}
