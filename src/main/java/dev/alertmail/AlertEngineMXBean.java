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

    /** {@code none}, {@code mailer}, {@code member}, {@code alone} or {@code left}: see {@link FleetStatus}. */
    String getFleetRole();

    boolean isFleetRedisReachable();

    /** How long ago Redis last answered; {@code -1}: never, or no fleet. */
    long getFleetLastExchangeAgeMillis();

    /** The fleet's mailer: incidents with events not yet mailed; {@code 0} on other members. */
    int getFleetIncidentsWaiting();

    /** The fleet's mailer: emails booked in Redis and not yet sent; {@code 0} on other members. */
    int getFleetEmailsBooked();
}
