package dev.alertmail.internal.fleet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.jspecify.annotations.Nullable;

/** Reading the scripts' replies: flat lists of strings, in the order the .lua files write them ({@link TickReply} for tick.lua's). */
final class FleetReply {

    private FleetReply() {}

    /**
     * bootstrap.lua's reply: the fleet's whole state, times through {@code toEngine}.
     *
     * @param pending emails booked and not yet sent: key to the booked email
     * @param epoch   the state this copy is of
     */
    record Whole(
            List<FleetMirror.Row> rows,
            long lastEmailAt,
            List<Long> hourly,
            Map<String, String> pending,
            String epoch) {}

    /** @return {@code null} when the lease is someone else's or Redis holds no state */
    static @Nullable Whole whole(List<?> r, LongUnaryOperator toEngine) {
        if (!"1".equals(str(r, 0))) {
            return null;
        }
        List<FleetMirror.Row> rows = new ArrayList<>();
        int n = Integer.parseInt(str(r, 1));
        int at = 2;
        for (int i = 0; i < n; i++, at += 9) {
            rows.add(row(r, at, toEngine));
        }
        long lastEmailAtWall = num(r, at++);
        long lastEmailAt = lastEmailAtWall < 0 ? -1 : toEngine.applyAsLong(lastEmailAtWall);
        int h = Integer.parseInt(str(r, at++));
        List<Long> hourly = new ArrayList<>();
        for (int i = 0; i < h; i++) {
            hourly.add(toEngine.applyAsLong((long) Double.parseDouble(str(r, at++))));
        }
        int pending = Integer.parseInt(str(r, at++));
        Map<String, String> booked = new LinkedHashMap<>();
        for (int i = 0; i < pending; i++, at += 2) {
            booked.put(str(r, at), str(r, at + 1));
        }
        return new Whole(rows, lastEmailAt, hourly, booked, str(r, at));
    }

    /** An incident row of tick.lua or bootstrap.lua at {@code at}: nine fields, times through {@code toEngine}. */
    static FleetMirror.Row row(List<?> r, int at, LongUnaryOperator toEngine) {
        long mailedAt = num(r, at + 7);
        return new FleetMirror.Row(
                str(r, at),
                num(r, at + 1),
                toEngine.applyAsLong(num(r, at + 2)),
                toEngine.applyAsLong(num(r, at + 3)),
                "1".equals(str(r, at + 4)),
                hosts(str(r, at + 5)),
                num(r, at + 6),
                mailedAt < 0 ? -1 : toEngine.applyAsLong(mailedAt),
                num(r, at + 8));
    }

    /** {@code host<TAB>count<TAB>host<TAB>count…}, as HGETALL gives it. */
    static Map<String, Long> hosts(String flat) {
        if (flat.isEmpty()) {
            return Map.of();
        }
        String[] f = flat.split("\t", -1);
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < f.length; i += 2) {
            try {
                out.put(f[i], Long.parseLong(f[i + 1]));
            } catch (NumberFormatException ignored) {
                // not a count: skipped
            }
        }
        return out;
    }

    static String str(List<?> reply, int i) {
        Object o = reply.get(i);
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    static long num(List<?> reply, int i) {
        return Long.parseLong(str(reply, i));
    }
}
