package dev.alertmail.logback;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import dev.alertmail.internal.capture.ThrowableAccess;
import org.jspecify.annotations.Nullable;

/**
 * Fingerprints read Logback's {@link IThrowableProxy}, which Logback has already built for every
 * event with an exception: its frames are plain arrays (no copy, no lock), and deserialized events
 * that carry only a proxy fingerprint the same way.
 */
final class LogbackThrowables implements ThrowableAccess<IThrowableProxy, StackTraceElementProxy[]> {

    static final LogbackThrowables ACCESS = new LogbackThrowables();

    @Override
    public String className(IThrowableProxy t) {
        return t.getClassName();
    }

    @Override
    public @Nullable IThrowableProxy cause(IThrowableProxy t) {
        return t.getCause();
    }

    @Override
    public StackTraceElementProxy[] frames(IThrowableProxy t) {
        return t.getStackTraceElementProxyArray();
    }

    @Override
    public int frameCount(StackTraceElementProxy[] frames) {
        return frames.length;
    }

    @Override
    public StackTraceElement frame(StackTraceElementProxy[] frames, int i) {
        return frames[i].getStackTraceElement();
    }

    @Override
    public @Nullable Throwable original(IThrowableProxy t) {
        return t instanceof ThrowableProxy p ? p.getThrowable() : null;
    }
}
