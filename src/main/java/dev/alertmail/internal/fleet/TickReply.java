package dev.alertmail.internal.fleet;

import static dev.alertmail.internal.fleet.FleetReply.num;
import static dev.alertmail.internal.fleet.FleetReply.str;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * tick.lua's reply, read once in the order the script writes it: {@code epoch, prev, role, rows,
 * samples, unsampled, applied, readAt}. The rows' times stay on the wall clock until the mailer
 * reads them onto its own ({@link #rows}).
 *
 * @param epoch     the state Redis holds now
 * @param prev      the last batch of this member Redis had applied before this tick
 * @param role      {@code 0} a member, {@code 1} the mailer, {@code 2} the mailer of a new term
 * @param samples   samples the mailer asked for, by fingerprint ({@code ""}: no member sent one)
 * @param unsampled incidents in this member's batch whose sample Redis no longer has
 * @param applied   this member's batch's place among every batch Redis applied (at most)
 * @param readAt    every batch applied up to this one is in the fleet's mailer's copy
 */
record TickReply(
        String epoch,
        long prev,
        int role,
        List<?> raw,
        int rowCount,
        Map<String, String> samples,
        List<String> unsampled,
        long applied,
        long readAt) {

    private static final int ROWS_AT = 4;
    private static final int ROW_FIELDS = 9;

    static TickReply parse(List<?> r) {
        int rows = Integer.parseInt(str(r, 3));
        int at = ROWS_AT + ROW_FIELDS * rows;
        int sampleCount = Integer.parseInt(str(r, at++));
        Map<String, String> samples = new LinkedHashMap<>();
        for (int s = 0; s < sampleCount; s++, at += 2) {
            samples.put(str(r, at), str(r, at + 1));
        }
        int missing = Integer.parseInt(str(r, at++));
        List<String> unsampled = new ArrayList<>(missing);
        for (int i = 0; i < missing; i++) {
            unsampled.add(str(r, at++));
        }
        return new TickReply(
                str(r, 0),
                num(r, 1),
                Integer.parseInt(str(r, 2)),
                r,
                rows,
                samples,
                unsampled,
                num(r, at),
                num(r, at + 1));
    }

    boolean isMailer() {
        return role >= 1;
    }

    /** This tick began a new term as the mailer (the lease was free). */
    boolean tookLease() {
        return role == 2;
    }

    /** The incidents that changed since the mailer's last read, their times through {@code toEngine}. */
    List<FleetMirror.Row> rows(LongUnaryOperator toEngine) {
        List<FleetMirror.Row> out = new ArrayList<>(rowCount);
        for (int i = 0; i < rowCount; i++) {
            out.add(FleetReply.row(raw, ROWS_AT + ROW_FIELDS * i, toEngine));
        }
        return out;
    }
}
