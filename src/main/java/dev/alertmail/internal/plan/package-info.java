/**
 * Internal, stage 3 (plan, on the worker): which incidents are due in the next email under group
 * wait, group interval, repeat interval and the hourly cap. Uses: incidents, capture, config.
 */
@NullMarked
package dev.alertmail.internal.plan;

import org.jspecify.annotations.NullMarked;
