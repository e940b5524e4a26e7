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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Log4j2's SmtpAppender sends on the logging thread, so it gets few, single-shot iterations. */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 20)
@Fork(value = 1, jvmArgsAppend = "-Djava.net.preferIPv4Stack=true")
@State(Scope.Benchmark)
public class Log4jSmtpAppenderBenchmark {

    private GreenMail smtp;
    private BenchApps.App app;
    private final Exception ex = new IllegalStateException("payment declined");
    private int i;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        smtp = BenchApps.smtp();
        app = BenchApps.start("log4j2-smtp", smtp.getSmtp().getPort(), Map.of());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        app.stop();
        smtp.stop();
    }

    @Benchmark
    public void error1Thread() {
        app.error("Order {} failed", i++, ex);
    }
}
