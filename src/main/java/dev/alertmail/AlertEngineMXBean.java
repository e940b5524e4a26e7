package dev.alertmail;

/**
 * Counters of one appender, registered as {@code dev.alertmail:type=Appender,name=<name>} so they
 * can be read with JConsole, JMX exporters or Micrometer's JMX bridge.
 */
public interface AlertEngineMXBean {
    long getEvents();

    long getIncidentsTracked();

    long getOverflowEvents();

    long getEmailsSent();

    long getEmailsRetried();

    long getEmailsFailed();

    long getEmailsDeduplicated();

    long getEmailsHeldBack();

    long getEmailsPending();

    long getEventsDropped();
}
