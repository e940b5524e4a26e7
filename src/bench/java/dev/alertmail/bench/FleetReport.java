package dev.alertmail.bench;

import dev.alertmail.testing.RedisServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * What a fleet member costs Redis: one member logging 10,000 errors a second over 1,000 incidents
 * for 10 s against a real redis-server; Redis's own statistics give the round trips (script calls)
 * and the bytes each way. Run: mvn -B -Pbench test-compile exec:exec -Dbench.main=dev.alertmail.bench.FleetReport
 */
public final class FleetReport {

    private FleetReport() {}

    public static void main(String[] args) throws Exception {
        int perSecond = 10_000;
        int incidents = 1_000;
        int seconds = 10;
        try (RedisServer redis = RedisServer.start();
                var smtp = AutoCloseableSmtp.start()) {
            BenchApps.App app =
                    BenchApps.start("logback-alertmail-fleet", smtp.port(), Map.of("redisUri", redis.uri()));
            String[] patterns = BenchApps.patterns(incidents);
            Exception shared = new IllegalStateException("payment declined");
            Thread.sleep(1_000); // the worker's first ticks (scripts loaded, lease taken) are not counted
            long[] before = stats(redis);
            long start = System.nanoTime();
            long logged = 0;
            for (int s = 0; s < seconds; s++) {
                long secondStart = start + TimeUnit.SECONDS.toNanos(s);
                for (int i = 0; i < perSecond; i++) {
                    long due = secondStart + TimeUnit.SECONDS.toNanos(1) * i / perSecond;
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                    app.error(patterns[(int) (logged % incidents)], logged, shared);
                    logged++;
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] after = stats(redis);
            long calls = after[0] - before[0];
            long ticks = Math.max(1, after[3] - before[3]);
            System.out.printf(
                    "logged %,d errors over %d incidents in %.1f s (%,.0f/s)%n",
                    logged, incidents, elapsed, logged / elapsed);
            System.out.printf(
                    "Redis round trips: %,d in %.1f s = %.1f per second (tick scripts: %,d = %.1f/s)%n",
                    calls, elapsed, calls / elapsed, ticks, ticks / elapsed);
            System.out.printf(
                    "bytes to Redis: %,d (%,.0f per tick); bytes from Redis: %,d (%,.0f per tick)%n",
                    after[1] - before[1],
                    (after[1] - before[1]) / (double) ticks,
                    after[2] - before[2],
                    (after[2] - before[2]) / (double) ticks);
            var engine = app.engine();
            app.stop();
            System.out.println("alertmail counters: " + (engine == null ? "-" : engine.counters()));
        }
    }

    /** calls of every command, bytes in, bytes out, script calls (EVALSHA + EVAL). */
    private static long[] stats(RedisServer redis) {
        try (Jedis j = redis.client()) {
            String stats = j.info("stats");
            String commands = j.info("commandstats");
            long all = 0;
            long scripts = 0;
            for (String line : commands.split("\r\n")) {
                if (line.startsWith("cmdstat_")) {
                    long calls = Long.parseLong(line.replaceAll("^cmdstat_[^:]+:calls=(\\d+),.*", "$1"));
                    if (!line.startsWith("cmdstat_info") && !line.startsWith("cmdstat_client")) {
                        all += calls;
                    }
                    if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                        scripts += calls;
                    }
                }
            }
            return new long[] {
                all, field(stats, "total_net_input_bytes"), field(stats, "total_net_output_bytes"), scripts
            };
        }
    }

    private static long field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        return 0;
    }

    /** GreenMail on a free port, closed with the report. */
    private record AutoCloseableSmtp(com.icegreen.greenmail.util.GreenMail mail) implements AutoCloseable {
        static AutoCloseableSmtp start() {
            return new AutoCloseableSmtp(BenchApps.smtp());
        }

        int port() {
            return mail.getSmtp().getPort();
        }

        @Override
        public void close() {
            mail.stop();
        }
    }
}
