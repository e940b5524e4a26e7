/**
 * alertmail's framework-free core: fingerprints, the incident store, the grouping policy, rendering
 * and SMTP sending. Public: the configuration ({@link dev.alertmail.AlertSettings},
 * {@link dev.alertmail.AlertConfig}), the {@link dev.alertmail.AlertEngine} with its counters and
 * MBean, and the small SPI the Logback and Log4j2 adapters are written against
 * ({@link dev.alertmail.SampleCapture}, {@link dev.alertmail.SampleBuilder},
 * {@link dev.alertmail.ContextLines}, {@link dev.alertmail.ThrowableAccess},
 * {@link dev.alertmail.StatusReporter}). Everything else is package-private.
 */
@NullMarked
package dev.alertmail;

import org.jspecify.annotations.NullMarked;
