package dev.alertmail.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alertmail.testing.FleetMembers;
import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ResendSmtp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * What a fleet costs Redis, counted by Redis itself ({@code INFO commandstats}): an idle member
 * (nothing to hand over, not a mailer with work) exchanges about once a second, lease and
 * heartbeat included; during a storm every member exchanges at each 200 ms tick. Figures for
 * per-command priced Redis (Upstash) are printed; docs/fleet.md quotes them.
 */
class FleetIdleCostTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private FleetMembers replicas;

    @BeforeEach
    void start() throws Exception {
        replicas = new FleetMembers(smtp.port(), clock);
    }

    @AfterEach
    void stop() throws Exception {
        replicas.close();
    }

    /** Script calls (round trips) and the commands they ran inside Redis, since the last reset. */
    private record Cost(long roundTrips, long commands) {}

    private Cost cost(Jedis admin) {
        long trips = 0;
        long commands = 0;
        for (String line : admin.info("commandstats").split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            String name = line.substring("cmdstat_".length(), line.indexOf(':'));
            long calls = Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+).*", "$1"));
            if (name.equals("evalsha") || name.equals("eval")) {
                trips += calls;
            } else if (!name.equals("info") && !name.equals("config|resetstat")) {
                commands += calls;
            }
        }
        return new Cost(trips, commands);
    }

    private void run(List<LogbackHarness> members, int ticks, boolean storm) {
        for (int t = 0; t < ticks; t++) {
            if (storm) {
                members.forEach(m -> FleetTest.log(m, 0, 2));
            }
            clock.advance(Duration.ofMillis(200));
            members.forEach(LogbackHarness::runDueWork);
        }
    }

    @Test
    void anIdleMemberExchangesAboutOnceASecondAndABusyOneAtEveryTick() throws Exception {
        List<LogbackHarness> members = List.of(replicas.member("replica-1"), replicas.member("replica-2"));
        run(members, 5, false); // both joined; one holds the lease
        try (Jedis admin = replicas.redis.client()) {
            admin.configResetStat();
            run(members, 50, false); // 10 s, nothing logged
            Cost idle = cost(admin);
            admin.configResetStat();
            run(members, 50, true); // 10 s of errors on both members
            Cost storm = cost(admin);
            System.out.printf(
                    "[fleet] per member and second: idle %.1f round trips (%.1f commands in Redis);"
                            + " storm %.1f round trips (%.1f commands)%n",
                    idle.roundTrips() / 20.0,
                    idle.commands() / 20.0,
                    storm.roundTrips() / 20.0,
                    storm.commands() / 20.0);
            assertThat(idle.roundTrips())
                    .as("two idle members over 10 s: about one exchange a second each")
                    .isBetween(16L, 24L);
            assertThat(storm.roundTrips())
                    .as("two busy members over 10 s: one exchange per 200 ms tick each")
                    .isGreaterThanOrEqualTo(90L);
        }
    }
}
