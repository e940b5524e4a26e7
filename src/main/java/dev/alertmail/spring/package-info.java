/**
 * Spring Boot without XML: {@link dev.alertmail.spring.AlertmailAutoConfiguration} attaches the
 * appender from {@code alertmail.*} properties. Optional: needs Spring Boot on the class path.
 */
@NullMarked
package dev.alertmail.spring;

import org.jspecify.annotations.NullMarked;
