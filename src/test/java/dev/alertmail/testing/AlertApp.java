package dev.alertmail.testing;

import dev.alertmail.AlertEngine;
import java.util.List;

/** An application configured from a real logback.xml or log4j2.xml, as a user would. */
public interface AlertApp extends AutoCloseable {

    TestLog log(String loggerName);

    /** Puts a value in the MDC / ThreadContext of the calling thread, or removes it when null. */
    void mdc(String key, String value);

    AlertEngine engine();

    /** Runs the appender's timers once on its worker thread and waits for it. */
    default void runDueWork() {
        try {
            engine().runDueWork().get(60, java.util.concurrent.TimeUnit.SECONDS);
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
