package dev.alertmail.fleet;

import static dev.alertmail.fleet.FleetTest.announced;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.RedisCluster;
import dev.alertmail.testing.RedisSentinels;
import dev.alertmail.testing.ResendSmtp;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * A fleet on the Redis deployments teams run, with real servers on free ports: a Redis Cluster
 * reached through a seed that owns no slot, whose master for the fleet's slot is killed in the
 * middle of a storm; a master watched by three sentinels, killed in the middle of a storm. Members
 * are configured from {@code logback/fleet.xml}, as a user would. Each run checks what the
 * fleet-exact checks do: no event announced twice (unless an email says it may repeat), every
 * event in an email or in an ERROR line with its count, no key reused, and the WARN and INFO of
 * the episode.
 */
class FleetTopologyTest {

    private static final Pattern EVENTS = Pattern.compile("(\\d+) events");

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private final List<LogbackHarness> members = new ArrayList<>();

    @AfterEach
    void stopMembers() {
        members.forEach(LogbackHarness::close);
    }

    private List<LogbackHarness> members(String redisUri, int n) {
        smtp.expectReplicas(); // members mailing alone while the fleet's node is away
        for (int i = 1; i <= n; i++) {
            members.add(new LogbackHarness(
                    "logback/fleet.xml",
                    Map.of("smtpPort", Integer.toString(smtp.port()), "redisUri", redisUri, "host", "replica-" + i),
                    clock));
        }
        return members;
    }

    private String status() {
        StringBuilder b = new StringBuilder();
        members.forEach(m -> b.append(m.statusText()).append('\n'));
        return b.toString();
    }

    private void assertEveryEventAccountedFor(String scenario, long logged) throws Exception {
        members.forEach(LogbackHarness::close);
        MimeMessage[] delivered = smtp.getReceivedMessages();
        long announced = announced(delivered);
        long mayRepeat = FleetTest.mayRepeat(delivered);
        long reported = 0;
        for (LogbackHarness m : members) {
            for (String e : m.errors()) {
                Matcher x = EVENTS.matcher(e);
                if (x.find()) {
                    reported += Long.parseLong(x.group(1));
                }
            }
        }
        System.out.println("[fleet] " + scenario + ": " + delivered.length + " emails announcing " + announced + " of "
                + logged + " events (" + mayRepeat + " said to maybe repeat); " + reported
                + " in ERROR lines with their count");
        assertThat(announced).as("no event announced twice unsaid").isLessThanOrEqualTo(logged + mayRepeat);
        assertThat(announced + reported).as("every event mailed or reported").isGreaterThanOrEqualTo(logged);
        assertThat(announced).as("mailed").isGreaterThanOrEqualTo(logged * 9 / 10);
        assertThat(smtp.server().refusedAsDifferentPayload())
                .as("no key reused")
                .isZero();
        Set<String> keys = new HashSet<>();
        for (MimeMessage m : delivered) {
            assertThat(keys.add(m.getHeader("Resend-Idempotency-Key")[0])).isTrue();
        }
    }

    @Test
    void aClusterThroughASeedThatOwnsNoSlotWithTheFleetsMasterKilledMidStorm() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3, 1)) {
            int seed = cluster.addEmptyMaster();
            try (Jedis node = cluster.client(seed)) {
                assertThat(cluster.clusterNodes(seed))
                        .as("the seed owns no slot")
                        .containsPattern("myself,master - \\d+ \\d+ \\d+ connected\\s*(\\n|$)");
            }
            List<LogbackHarness> fleet = members(RedisCluster.seedUri(seed), 3);
            long logged = FleetTest.storm(fleet, clock, 81);
            int owner = -1;
            for (int port : cluster.masters()) {
                try (Jedis node = cluster.client(port)) {
                    if (!node.keys("*:fleet:v3:*").isEmpty()) {
                        owner = port;
                    }
                }
            }
            assertThat(owner).as("a master holds the fleet's keys").isPositive();
            assertThat(owner).as("not the seed").isNotEqualTo(seed);

            cluster.killMasterAndAwaitPromotion(owner); // its replica takes the slot over
            logged += FleetTest.storm(fleet, clock, 82);
            assertEveryEventAccountedFor("Redis Cluster, the fleet's master killed mid-storm", logged);
            assertThat(status()).contains("does not answer").contains("answers again");
        }
    }

    @Test
    void sentinelsNameTheNewMasterAfterTheMasterIsKilledMidStorm() throws Exception {
        try (RedisSentinels sentinels = RedisSentinels.start()) {
            List<LogbackHarness> fleet = members(sentinels.uri(), 3);
            long logged = FleetTest.storm(fleet, clock, 91);
            int old = sentinels.killMaster();
            int promoted = sentinels.awaitFailover(old);
            logged += FleetTest.storm(fleet, clock, 92);
            try (Jedis node = sentinels.client(promoted)) {
                assertThat(node.keys("*:fleet:v3:*"))
                        .as("the fleet went on on the new master")
                        .isNotEmpty();
            }
            assertEveryEventAccountedFor("Sentinel, the master killed mid-storm", logged);
            assertThat(status()).contains("does not answer").contains("answers again");
        }
    }
}
