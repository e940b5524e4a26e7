package dev.alertmail.internal.capture;

/**
 * Copies a framework event into a {@link SampleBuilder}, field by field. Called only for the
 * first occurrence of a fingerprint, on the appending thread, so it may allocate; a field that
 * cannot be read costs only that field.
 *
 * @param <E> the framework's event type
 */
@FunctionalInterface
public interface SampleCapture<E> {
    void capture(E event, SampleBuilder sample);
}
