/**
 * Internal, stage 0 (configuration): settings as text in, one validated {@link dev.alertmail.internal.config.AlertConfig}
 * out, with every problem in plain words; the status channel and redaction rules. Uses: text.
 */
@NullMarked
package dev.alertmail.internal.config;

import org.jspecify.annotations.NullMarked;
