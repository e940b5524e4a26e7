package dev.alertmail.internal.config;

/**
 * Where the core reports what happens to it: Logback's status manager, Log4j2's StatusLogger.
 * Never a logger (that would recurse into the appender). Messages never contain secrets.
 */
public interface StatusReporter {
    void info(String message);

    void warn(String message);

    void error(String message);

    /** Reports nothing (an engine made without a status channel). */
    final class Silent implements StatusReporter {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void error(String message) {}
    }
}
