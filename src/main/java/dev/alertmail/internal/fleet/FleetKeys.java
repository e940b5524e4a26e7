package dev.alertmail.internal.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every key of a fleet, as each script receives them in {@code KEYS}: fixed names under the
 * fleet's prefix, all in its one hash slot, and the calling member's own sequence key. A script
 * touches no other key (Redis Cluster and ElastiCache Serverless refuse scripts that do); it
 * reads them through {@code K.<name>}, which the preamble maps from {@code KEYS}.
 */
final class FleetKeys {

    /**
     * count/first/last/imm/sample/hosts/reported/mailedAt/times: per incident, one field per
     * fingerprint; dirty: incidents changed since the mailer's last read; members: a sorted set on
     * Redis's clock; pending: emails booked and not sent; hourly: the fleet's sends of 24 h;
     * applied/readAt: batches applied and read; epoch: the state's name and the families present.
     */
    static final List<String> NAMES = List.of(
            "lease",
            "epoch",
            "count",
            "first",
            "last",
            "imm",
            "sample",
            "hosts",
            "dirty",
            "members",
            "pending",
            "reported",
            "mailedAt",
            "times",
            "planner",
            "hourly",
            "applied",
            "readAt",
            "seq");

    private static final String PREAMBLE = "local K = {}\nfor i, name in ipairs({"
            + NAMES.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "))
            + "}) do K[name] = KEYS[i] end\n";

    private FleetKeys() {}

    /** The names in {@link #NAMES}' order; {@code seq} is the member's own. */
    static List<String> of(String prefix, String member) {
        List<String> keys = new ArrayList<>(NAMES.size());
        for (String n : NAMES) {
            keys.add(n.equals("seq") ? prefix + ":seq:" + member : prefix + ":" + n);
        }
        return keys;
    }

    /** Prepended to every script. */
    static String preamble() {
        return PREAMBLE;
    }
}
