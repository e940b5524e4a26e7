package dev.alertmail.internal.capture;

import org.jspecify.annotations.Nullable;

/**
 * Read access to a throwable-like structure, for adapters whose events carry a proxy instead of
 * (or besides) the {@link Throwable}: Logback's {@code IThrowableProxy}, a deserialized Log4j2
 * {@code ThrowableProxy}. Implementations must not allocate: fingerprinting runs on every event.
 *
 * @param <T> the throwable type
 * @param <F> the type of its frame array
 */
public interface ThrowableAccess<T, F> {

    /** For plain {@link Throwable}s. */
    ThrowableAccess<Throwable, StackTraceElement[]> JDK = new ThrowableAccess<>() {
        @Override
        public String className(Throwable t) {
            return t.getClass().getName();
        }

        @Override
        public @Nullable Throwable cause(Throwable t) {
            return t.getCause();
        }

        @Override
        public StackTraceElement[] frames(Throwable t) {
            return t.getStackTrace();
        }

        @Override
        public int frameCount(StackTraceElement[] frames) {
            return frames.length;
        }

        @Override
        public StackTraceElement frame(StackTraceElement[] frames, int i) {
            return frames[i];
        }

        @Override
        public Throwable original(Throwable t) {
            return t;
        }
    };

    String className(T t);

    @Nullable
    T cause(T t);

    F frames(T t);

    int frameCount(F frames);

    StackTraceElement frame(F frames, int i);

    /**
     * The live {@link Throwable} behind this proxy, when there is one: an instance logged again is
     * then recognised without reading its frames. {@code null} by default.
     */
    default @Nullable Throwable original(T t) {
        return null;
    }
}
