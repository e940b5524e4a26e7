package dev.alertmail.internal.fleet;

import static dev.alertmail.internal.fleet.FleetReply.str;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One tick's exchange with tick.lua: the arguments in the order the script reads them, and the
 * fixed fields of its reply ({@code epoch, prev, role, rows…, samples…, unsampled…}).
 */
final class TickCall {

    /** The lease mode of the last member's flush after leave.lua: reads, renews, never joins again. */
    static final String LEAVING = "L";

    private TickCall() {}

    /** The fixed head of the arguments, up to the batch's entries (which {@link Handover} appends). */
    static List<String> head(
            String member,
            long seq,
            String host,
            long wallNow,
            long leaseMs,
            int maxIncidents,
            String leaseMode,
            long now) {
        List<String> a = new ArrayList<>();
        a.add(member);
        a.add(Long.toString(seq));
        a.add(host);
        a.add(Long.toString(wallNow));
        a.add(Long.toString(leaseMs));
        a.add(Long.toString(RedisFleet.TTL_MS));
        a.add(Integer.toString(maxIncidents));
        a.add(Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@" + now); // the epoch if Redis has none
        a.add(leaseMode);
        a.add(Long.toString(RedisFleet.HEARTBEAT_MS));
        a.add(FleetMirror.OVERFLOW_HEX);
        return a;
    }

    /** The tail: emails that left the outbox, then the samples the mailer asks for. */
    static void tail(List<String> a, List<String> finished, List<String> wanted) {
        a.add(Integer.toString(finished.size()));
        a.addAll(finished);
        a.add(Integer.toString(wanted.size()));
        a.addAll(wanted);
    }

    static String epoch(List<?> reply) {
        return str(reply, 0);
    }

    static long prev(List<?> reply) {
        return FleetReply.num(reply, 1);
    }

    static boolean isMailer(List<?> reply) {
        String m = str(reply, 2);
        return "1".equals(m) || "2".equals(m);
    }

    /** This tick began a new term as the mailer (the lease was free). */
    static boolean tookLease(List<?> reply) {
        return "2".equals(str(reply, 2));
    }

    /** Incidents whose sample Redis no longer has (it forgot them meanwhile). */
    static List<String> unsampled(List<?> reply) {
        int at = 4 + 9 * Integer.parseInt(str(reply, 3));
        at += 1 + 2 * Integer.parseInt(str(reply, at));
        int missing = Integer.parseInt(str(reply, at));
        List<String> out = new ArrayList<>(missing);
        for (int i = 1; i <= missing; i++) {
            out.add(str(reply, at + i));
        }
        return out;
    }

    /** Where this member's batch stands among every batch Redis applied (at most). */
    static long applied(List<?> reply) {
        return FleetReply.num(reply, reply.size() - 2);
    }

    /** Every batch applied up to this one is in the fleet's mailer's copy. */
    static long readAt(List<?> reply) {
        return FleetReply.num(reply, reply.size() - 1);
    }
}
