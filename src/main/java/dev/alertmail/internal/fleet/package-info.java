/**
 * Internal, stage 6 (fleet, on the worker): replicas sharing state in Redis mail like one process.
 * Each tick a member hands its new counts to Redis in one round trip; the lease holder plans and
 * mails for the fleet. Uses: delivery, plan, incidents, capture, config, text.
 */
@NullMarked
package dev.alertmail.internal.fleet;

import org.jspecify.annotations.NullMarked;
