/**
 * alertmail's API, interfaces and values only: {@link dev.alertmail.AlertEngine} (what an
 * appender's {@code getEngine()} hands out: name, counters, configuration check, close),
 * {@link dev.alertmail.AlertCounters}, {@link dev.alertmail.CheckResult} and the JMX view
 * {@link dev.alertmail.AlertEngineMXBean}. Users configure alertmail through the adapters
 * ({@code dev.alertmail.logback}, {@code dev.alertmail.log4j2}, {@code dev.alertmail.spring},
 * {@code dev.alertmail.micrometer}). Everything under {@code dev.alertmail.internal} is the
 * implementation, one package per stage of the flow, may change in any release, and is named by
 * no public signature outside it.
 */
@NullMarked
package dev.alertmail;

import org.jspecify.annotations.NullMarked;
