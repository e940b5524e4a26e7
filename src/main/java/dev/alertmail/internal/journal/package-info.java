/**
 * Internal, memory across restarts ({@code stateDir}, on the worker): each process journals what
 * it counted and has not mailed, its idempotency-key history and the fingerprints it knows, in a
 * file of its own that it holds locked while it lives; a process that starts adopts the journals
 * no live process holds and mails what they had pending, once. Bad storage is a WARN, never a
 * failed start nor a lost alert: the engine then runs without memory. Uses: delivery, incidents,
 * capture, config, text.
 */
@NullMarked
package dev.alertmail.internal.journal;

import org.jspecify.annotations.NullMarked;
