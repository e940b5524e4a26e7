package dev.alertmail.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.RedisServer;
import dev.alertmail.testing.ResendSmtp;
import dev.alertmail.testing.ScriptedSmtpServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * A member pointed at a node that answers READONLY or MASTERDOWN (a replica, or a master demoted
 * behind a DNS name or proxy after a failover) drops its connection instead of asking the wrong node forever:
 * once that address leads to a master again, the member rejoins on a fresh connection and says so.
 */
class FleetFailoverTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    private static List<String> status(LogbackHarness app) {
        return Arrays.asList(app.statusText().split("\n"));
    }

    /** The id of the member's connection to {@code node} ({@code CLIENT LIST}, client name alertmail), or "". */
    private static String memberConnection(Jedis node) {
        return Arrays.stream(node.clientList().split("\n"))
                .filter(l -> l.contains(" name=alertmail "))
                .map(l -> l.substring(0, l.indexOf(' ')))
                .findFirst()
                .orElse("");
    }

    /**
     * READONLY: a replica of a live master. MASTERDOWN: a replica cut off from its master that
     * serves no stale data (the master's port answers nothing).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"READONLY", "MASTERDOWN"})
    void aFailoverReplyDropsTheConnectionAndTheMemberRejoinsWhenTheNodeIsMasterAgain(String reply) throws Exception {
        boolean cutOff = reply.equals("MASTERDOWN");
        try (RedisServer master = RedisServer.start();
                RedisServer node = RedisServer.start(
                        "--replicaof",
                        "127.0.0.1",
                        Integer.toString(cutOff ? ScriptedSmtpServer.unusedPort() : master.port()),
                        "--replica-serve-stale-data",
                        cutOff ? "no" : "yes");
                Jedis admin = node.client();
                LogbackHarness app = new LogbackHarness(
                        "logback/fleet.xml",
                        Map.of("smtpPort", Integer.toString(smtp.port()), "redisUri", node.uri(), "host", "replica-1"),
                        clock)) {
            app.logger("com.shop.Orders").error("Order {} failed", 1);
            app.advance(Duration.ofMillis(200));
            assertThat(status(app))
                    .as("the node refuses the fleet's script")
                    .anyMatch(l -> l.contains("does not answer") && l.contains(reply));
            assertThat(memberConnection(admin))
                    .as("the connection that got READONLY is closed")
                    .isEmpty();

            admin.replicaofNoOne(); // the failover: this address now leads to a master
            app.advance(Duration.ofSeconds(1));
            app.advance(Duration.ofMillis(200));
            assertThat(status(app)).anyMatch(l -> l.contains("answers again"));
            assertThat(memberConnection(admin)).as("a fresh connection").isNotEmpty();
            assertThat(admin.keys("*")).as("the member handed its counts over").isNotEmpty();
            assertThat(status(app).stream().filter(l -> l.contains("does not answer")))
                    .as("one WARN for the whole episode")
                    .hasSize(1);
        }
    }
}
