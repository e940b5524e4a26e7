package dev.alertmail.log4j2;

import dev.alertmail.internal.capture.ThrowableAccess;
import org.apache.logging.log4j.core.impl.ExtendedStackTraceElement;
import org.apache.logging.log4j.core.impl.ThrowableProxy;
import org.jspecify.annotations.Nullable;

/**
 * For events that carry only a {@link ThrowableProxy} (deserialized, e.g. from a socket appender):
 * they fingerprint exactly like the live exception would.
 */
final class Log4jThrowables implements ThrowableAccess<ThrowableProxy, ExtendedStackTraceElement[]> {

    static final Log4jThrowables ACCESS = new Log4jThrowables();

    @Override
    public String className(ThrowableProxy t) {
        return t.getName();
    }

    @Override
    public @Nullable ThrowableProxy cause(ThrowableProxy t) {
        return t.getCauseProxy();
    }

    @Override
    public ExtendedStackTraceElement[] frames(ThrowableProxy t) {
        return t.getExtendedStackTrace();
    }

    @Override
    public int frameCount(ExtendedStackTraceElement[] frames) {
        return frames.length;
    }

    @Override
    public StackTraceElement frame(ExtendedStackTraceElement[] frames, int i) {
        return frames[i].getStackTraceElement();
    }
}
