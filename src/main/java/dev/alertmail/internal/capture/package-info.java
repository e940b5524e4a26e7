/**
 * Internal, stage 1 (capture, on the logging thread): fingerprint an event, and for the first of its
 * kind copy a small redacted sample; the adapters' SPI ({@link dev.alertmail.internal.capture.SampleCapture},
 * {@link dev.alertmail.internal.capture.ThrowableAccess}, {@link dev.alertmail.internal.capture.ContextLines}).
 * Uses: config, text.
 */
@NullMarked
package dev.alertmail.internal.capture;

import org.jspecify.annotations.NullMarked;
