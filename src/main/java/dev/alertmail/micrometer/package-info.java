/** Micrometer meters for alertmail's counters (optional: needs micrometer-core on the class path). */
@NullMarked
package dev.alertmail.micrometer;

import org.jspecify.annotations.NullMarked;
