/** The Log4j2 adapter: the {@code ResendAlert} plugin and its shared manager. */
@NullMarked
package dev.alertmail.log4j2;

import org.jspecify.annotations.NullMarked;
