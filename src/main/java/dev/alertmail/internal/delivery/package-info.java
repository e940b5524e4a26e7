/**
 * Internal, stage 5 (delivery, on the worker): the idempotency key and the JVM's mailing history,
 * MIME, the bounded outbox with retries and pacing, SMTP through Angus Mail, the flush on stop.
 * Uses: render, plan, incidents, capture, config, text.
 */
@NullMarked
package dev.alertmail.internal.delivery;

import org.jspecify.annotations.NullMarked;
