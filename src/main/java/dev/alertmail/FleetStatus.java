package dev.alertmail;

/**
 * Where an engine stands in a fleet of replicas ({@code redisUri}): what JMX and Micrometer show,
 * so a dashboard tells a fleet that mails as one from members that mail alone.
 *
 * @param role                  {@code none} (no {@code redisUri}), {@code mailer} (holds the lease: plans
 *                              and mails for the fleet), {@code member} (hands its counts to the fleet),
 *                              {@code alone} (Redis does not answer: mails on its own), {@code left} (stopped)
 * @param redisReachable        the last exchange with Redis was answered
 * @param lastExchangeAgeMillis how long ago Redis last answered; {@code -1}: never (or no fleet)
 * @param incidentsWaiting      the mailer: the fleet's incidents with events not yet in a sent or booked
 *                              email (every member's, as of its last exchange); {@code 0} on any other member
 * @param emailsBooked          the mailer: fleet emails booked in Redis and not yet sent (a mailer taking
 *                              over sends them again); {@code 0} on any other member
 */
public record FleetStatus(
        String role, boolean redisReachable, long lastExchangeAgeMillis, int incidentsWaiting, int emailsBooked) {

    /** An engine without {@code redisUri}. */
    public static final FleetStatus NONE = new FleetStatus("none", false, -1, 0, 0);
}
