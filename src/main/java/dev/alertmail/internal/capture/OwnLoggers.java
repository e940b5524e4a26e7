package dev.alertmail.internal.capture;

/**
 * Loggers whose events never become incidents: the mail and Redis libraries and alertmail itself
 * (an alert about failing to send alerts would recurse).
 */
public final class OwnLoggers {

    private OwnLoggers() {}

    public static boolean contains(String logger) {
        return logger.startsWith("jakarta.mail")
                || logger.startsWith("org.eclipse.angus")
                || logger.startsWith("redis.clients")
                || logger.startsWith("org.apache.commons.pool2")
                || logger.startsWith("dev.alertmail.")
                || logger.equals("dev.alertmail");
    }
}
