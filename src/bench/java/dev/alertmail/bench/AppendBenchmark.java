package dev.alertmail.bench;

import com.icegreen.greenmail.util.GreenMail;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost on the application thread of {@code log.error("Order {} failed…", i, ex)} through each
 * appender, SMTP going to an in-process loopback server. The no-op appenders are the floor.
 *
 * <p>{@code exception}: {@code shared} logs one instance from every call and thread (a cached or
 * rethrown exception); {@code fresh} a new one per call from a shallow stack, {@code fresh150} from
 * a stack 150 frames deeper (a storm of failing requests in a Spring/Tomcat application). Run with
 * {@code -prof gc} for bytes per call ({@code gc.alloc.rate.norm}), {@code -t N} for N threads.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g", "-Djava.net.preferIPv4Stack=true"})
@State(Scope.Benchmark)
public class AppendBenchmark {

    /** {@code logback-alertmail-fleet}: with {@code redisUri} (a real redis-server); {@code -stalled}: that server stopped (SIGSTOP). */
    @Param({
        "logback-noop",
        "logback-alertmail",
        "logback-smtp",
        "log4j2-null",
        "log4j2-alertmail",
        "log4j2-layout",
        "log4j2-layout-alertmail",
        "logback-alertmail-fleet",
        "logback-alertmail-fleet-stalled"
    })
    public String appender;

    @Param({"10", "1000"})
    public int fingerprints;

    @Param({"shared", "fresh", "fresh150"})
    public String exception;

    private GreenMail smtp;
    private dev.alertmail.testing.RedisServer redis;
    private BenchApps.App app;
    private String[] patterns;
    private final Exception shared = new IllegalStateException("payment declined");
    private int depth;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        smtp = BenchApps.smtp();
        if (appender.contains("fleet")) {
            redis = dev.alertmail.testing.RedisServer.start();
            app = BenchApps.start("logback-alertmail-fleet", smtp.getSmtp().getPort(), Map.of("redisUri", redis.uri()));
            if (appender.endsWith("stalled")) {
                redis.stall(); // the worker's calls time out after 1 s; the logging threads must not notice
            }
        } else {
            app = BenchApps.start(appender, smtp.getSmtp().getPort(), Map.of());
        }
        patterns = BenchApps.patterns(fingerprints);
        depth = exception.equals("fresh150") ? 150 : 0;
    }

    private Exception exception() {
        return exception.equals("shared") ? shared : Failures.at(depth);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (app.engine() != null) {
            System.out.println("\nalertmail counters: " + app.engine().counters());
        }
        app.stop();
        smtp.stop();
        if (redis != null) {
            try {
                redis.resume();
                redis.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @State(Scope.Thread)
    public static class Counter {
        int i;
    }

    @Benchmark
    @Threads(1)
    public void error1Thread(Counter c) {
        int i = c.i++;
        app.error(patterns[i % patterns.length], i, exception());
    }

    @Benchmark
    @Threads(2)
    public void error2Threads(Counter c) {
        int i = c.i++;
        app.error(patterns[i % patterns.length], i, exception());
    }
}
