package dev.alertmail.bench;

import com.icegreen.greenmail.util.GreenMail;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * Bytes allocated per {@code log.error(pattern, arg, ex)} call on the calling thread, exactly (the
 * JVM's per-thread allocation counter over a million calls after warm-up), for each appender and
 * exception kind. What alertmail adds is the difference to the no-op floor.
 *
 * <pre>mvn -B -Pbench test-compile exec:exec -Dbench.main=dev.alertmail.bench.AllocationReport \
 *     -Dbench.args="logback-noop logback-alertmail log4j2-null log4j2-alertmail"</pre>
 *
 * An argument may end in {@code :contextLines=N} (or any other setting) to vary the appender.
 */
public final class AllocationReport {

    private static final int WARMUP = 300_000;
    private static final int CALLS = 1_000_000;

    public static void main(String[] args) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        GreenMail smtp = BenchApps.smtp();
        String[] patterns = BenchApps.patterns(10);
        System.out.println("| appender | shared exception | fresh exception | fresh, 150 frames deeper |");
        System.out.println("|---|---|---|---|");
        for (String arg : args) {
            String[] parts = arg.split(":");
            Map<String, String> props =
                    parts.length > 1 ? Map.of(parts[1].split("=")[0], parts[1].split("=")[1]) : Map.of();
            StringBuilder row = new StringBuilder("| " + arg + " |");
            for (int depth : new int[] {-1, 0, 150}) {
                BenchApps.App app = BenchApps.start(parts[0], smtp.getSmtp().getPort(), props);
                Exception shared = new IllegalStateException("payment declined");
                for (int i = 0; i < WARMUP; i++) {
                    app.error(patterns[i % 10], 7, depth < 0 ? shared : Failures.at(depth));
                }
                long fresh = 0;
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < CALLS; i++) {
                    app.error(patterns[i % 10], 7, depth < 0 ? shared : Failures.at(depth));
                }
                long after = mx.getCurrentThreadAllocatedBytes();
                if (depth >= 0) { // the exceptions the application creates are not the appender's
                    long b = mx.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < CALLS; i++) {
                        Failures.at(depth);
                    }
                    fresh = mx.getCurrentThreadAllocatedBytes() - b;
                }
                row.append(String.format(" %,.0f B |", (after - before - fresh) / (double) CALLS));
                app.stop();
            }
            System.out.println(row);
        }
        smtp.stop();
    }
}
