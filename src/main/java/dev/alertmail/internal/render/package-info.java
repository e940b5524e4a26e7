/**
 * Internal, stage 4 (render): one view model of an email, laid out as HTML (inline CSS, every
 * log-derived string escaped) and as plain text; the subject line. Uses: plan, incidents, capture, config, text.
 */
@NullMarked
package dev.alertmail.internal.render;

import org.jspecify.annotations.NullMarked;
