/** The Logback adapter: {@link dev.alertmail.logback.ResendAlertAppender} and the configuration check. */
@NullMarked
package dev.alertmail.logback;

import org.jspecify.annotations.NullMarked;
