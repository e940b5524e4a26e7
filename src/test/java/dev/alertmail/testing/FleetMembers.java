package dev.alertmail.testing;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The members of one fleet as a test starts them: a real {@code redis-server} on a free port, and
 * applications configured from {@code logback/fleet.xml} with the test's clock and SMTP server.
 */
public final class FleetMembers implements AutoCloseable {

    public final RedisServer redis;
    private final int smtpPort;
    private final Clock clock;
    private final List<LogbackHarness> all = new ArrayList<>();

    public FleetMembers(int smtpPort, Clock clock) throws IOException {
        this.redis = RedisServer.start();
        this.smtpPort = smtpPort;
        this.clock = clock;
    }

    public LogbackHarness member(String host) {
        return member(host, Map.of());
    }

    /** @param more further properties of {@code fleet.xml} ({@code groupWait}, {@code shutdownTimeout}, …) */
    public LogbackHarness member(String host, Map<String, String> more) {
        Map<String, String> p =
                new HashMap<>(Map.of("smtpPort", Integer.toString(smtpPort), "redisUri", redis.uri(), "host", host));
        p.putAll(more);
        LogbackHarness app = new LogbackHarness("logback/fleet.xml", p, clock);
        all.add(app);
        return app;
    }

    /** Every member started so far, in order. */
    public List<LogbackHarness> all() {
        return all;
    }

    @Override
    public void close() throws IOException {
        all.forEach(LogbackHarness::close);
        redis.close();
    }
}
