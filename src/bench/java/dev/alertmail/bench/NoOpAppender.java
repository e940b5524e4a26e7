package dev.alertmail.bench;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * The Logback floor: an appender that does nothing, without the lock of {@code AppenderBase}
 * (Logback's own {@code NOPAppender} extends it, so its {@code doAppend} is {@code synchronized}
 * and every thread queues on it). alertmail is an {@code UnsynchronizedAppenderBase} too.
 */
public final class NoOpAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
        // nothing: the cost of Logback itself
    }
}
