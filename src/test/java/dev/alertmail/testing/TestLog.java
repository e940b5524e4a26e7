package dev.alertmail.testing;

/** The few logging calls the scenarios make, so one suite runs against both adapters. */
public interface TestLog {
    void error(String pattern, Object arg, Throwable t);

    void error(String message, Throwable t);

    void error(String message);

    void warn(String message);

    void info(String message);

    /**
     * An ERROR carrying a marker named {@code marker}; with {@code parent}, the marker references
     * (SLF4J) or has as parent (Log4j2) the marker named {@code parent}.
     */
    void errorWithMarker(String marker, String parent, String message);
}
