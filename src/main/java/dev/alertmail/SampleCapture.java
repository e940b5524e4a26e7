package dev.alertmail;

/**
 * Copies a framework event into an {@link IncidentSample}. Called only for the first occurrence
 * of a fingerprint, so it may allocate; must not throw.
 *
 * @param <E> the framework's event type
 */
@FunctionalInterface
public interface SampleCapture<E> {
    IncidentSample capture(E event);
}
