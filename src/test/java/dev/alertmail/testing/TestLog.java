package dev.alertmail.testing;

/** The few logging calls the scenarios make, so one suite runs against both adapters. */
public interface TestLog {
    void error(String pattern, Object arg, Throwable t);

    void error(String message, Throwable t);

    void error(String message);

    void warn(String message);

    void info(String message);
}
