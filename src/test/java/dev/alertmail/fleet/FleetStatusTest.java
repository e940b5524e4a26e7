package dev.alertmail.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alertmail.FleetStatus;
import dev.alertmail.micrometer.AlertmailMetrics;
import dev.alertmail.testing.FleetMembers;
import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ResendSmtp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A member's place in its fleet, as the API, JMX and Micrometer show it: mailer, member, alone. */
class FleetStatusTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private FleetMembers replicas;

    @BeforeEach
    void startRedis() throws Exception {
        replicas = new FleetMembers(smtp.port(), clock);
    }

    @AfterEach
    void stop() throws Exception {
        replicas.close();
    }

    /** FleetRole of every alertmail MBean registered now. */
    private static List<Object> jmxRoles() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<Object> roles = new ArrayList<>();
        for (ObjectName n : server.queryNames(new ObjectName("dev.alertmail:type=Appender,*"), null)) {
            roles.add(server.getAttribute(n, "FleetRole"));
        }
        return roles;
    }

    @Test
    void mailerMemberAndAloneAreShown() throws Exception {
        Map<String, String> slow = Map.of("groupWait", "30s"); // nothing mailed during the test
        LogbackHarness first = replicas.member("replica-1", slow);
        first.advance(Duration.ofMillis(200)); // ticks first: takes the lease
        LogbackHarness second = replicas.member("replica-2", slow);
        second.advance(Duration.ofMillis(200));
        first.runDueWork();
        assertThat(first.engine().fleet().incidentsWaiting()).isZero();

        second.logger("com.shop.Orders").error("Order {} failed", 1);
        second.logger("com.shop.Payments").error("Card {} declined", 2);
        second.advance(Duration.ofMillis(200)); // hands both incidents over
        first.advance(Duration.ofSeconds(1)); // an idle mailer reads the fleet once a second

        FleetStatus mailer = first.engine().fleet();
        assertThat(mailer.role()).isEqualTo("mailer");
        assertThat(mailer.redisReachable()).isTrue();
        assertThat(mailer.lastExchangeAgeMillis()).isBetween(0L, 200L);
        assertThat(mailer.incidentsWaiting())
                .as("the other member's two incidents")
                .isEqualTo(2);
        assertThat(mailer.emailsBooked()).isZero();
        assertThat(second.engine().fleet().role()).isEqualTo("member");
        assertThat(second.engine().fleet().incidentsWaiting())
                .as("only the mailer knows the fleet's")
                .isZero();
        assertThat(jmxRoles()).contains("mailer", "member");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new AlertmailMetrics(first.engine()).bindTo(registry);
        assertThat(registry.get("alertmail.fleet.mailer").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("alertmail.fleet.redis.reachable").gauge().value())
                .isEqualTo(1.0);
        assertThat(registry.get("alertmail.fleet.incidents.waiting").gauge().value())
                .isEqualTo(2.0);

        replicas.redis.kill();
        first.advance(Duration.ofSeconds(1)); // the next exchange finds Redis gone
        FleetStatus alone = first.engine().fleet();
        assertThat(alone.role()).isEqualTo("alone");
        assertThat(alone.redisReachable()).isFalse();
        assertThat(alone.lastExchangeAgeMillis()).isGreaterThanOrEqualTo(1_000L);
        assertThat(registry.get("alertmail.fleet.alone").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("alertmail.fleet.exchange.age").gauge().value()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void anEngineWithoutRedisIsInNoFleet() throws Exception {
        try (LogbackHarness solo = new LogbackHarness(
                "logback/fleet.xml",
                Map.of("smtpPort", Integer.toString(smtp.port()), "redisUri", "", "host", "solo"),
                clock)) {
            assertThat(solo.engine().fleet()).isEqualTo(FleetStatus.NONE);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new AlertmailMetrics(solo.engine()).bindTo(registry);
            assertThat(registry.get("alertmail.fleet.mailer").gauge().value()).isNaN();
        }
    }
}
