/**
 * alertmail's API: {@link dev.alertmail.AlertEngine}, the framework-free core behind every
 * appender, with what it hands out ({@link dev.alertmail.AlertCounters},
 * {@link dev.alertmail.CheckResult}, the JMX view {@link dev.alertmail.AlertEngineMXBean}).
 * Users configure alertmail through the adapters ({@code dev.alertmail.logback},
 * {@code dev.alertmail.log4j2}, {@code dev.alertmail.spring}, {@code dev.alertmail.micrometer}).
 * Everything under {@code dev.alertmail.internal} is the implementation, one package per stage of
 * the flow, and may change in any release.
 */
@NullMarked
package dev.alertmail;

import org.jspecify.annotations.NullMarked;
