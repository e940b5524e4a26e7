package dev.alertmail.bench;

import com.icegreen.greenmail.util.GreenMail;
import dev.alertmail.AlertEngine;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * N ERRORs over F fingerprints from 2 threads through the Logback appender (default timers: group
 * wait 10 s) into a loopback SMTP server: emails, sum of their counts, time from the first error to
 * the first email, and heap retained by alertmail after GC.
 *
 * <pre>mvn -B -Pbench test-compile exec:exec -Dbench.main=dev.alertmail.bench.StormReport -Dbench.args="1000000:20 1000000:100000"</pre>
 */
public final class StormReport {

    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) errors? in (\\d+) incidents?", Pattern.MULTILINE);

    public static void main(String[] args) throws Exception {
        List<String> runs = args.length == 0 ? List.of("1000000:20", "1000000:100000") : List.of(args);
        System.out.println("| N | F | emails | sum of counts | first error → first email | retained heap |");
        System.out.println("|---|---|---|---|---|---|");
        for (String run : runs) {
            String[] nf = run.split(":");
            report(Integer.parseInt(nf[0]), Integer.parseInt(nf[1]));
        }
    }

    private static void report(int n, int f) throws Exception {
        GreenMail smtp = BenchApps.smtp();
        String[] patterns = BenchApps.patterns(f);
        Exception ex = new IllegalStateException("payment declined");
        long baseline = usedHeapAfterGc();
        BenchApps.App app = BenchApps.start("logback-alertmail", smtp.getSmtp().getPort(), Map.of());
        AlertEngine engine = app.engine();

        long firstError = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                for (int i = offset; i < n; i += 2) {
                    app.error(patterns[i % f], i, ex);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long retained = usedHeapAfterGc() - baseline; // the storm is over, alertmail still holds its incidents
        if (!smtp.waitForIncomingEmail(30_000, 1)) {
            throw new IllegalStateException("no email within 30 s");
        }
        long firstEmailMs = (System.nanoTime() - firstError) / 1_000_000;
        long events = engine.counters().events();
        app.stop(); // flushes the rest
        MimeMessage[] mails = smtp.getReceivedMessages();
        long sum = 0;
        for (MimeMessage m : mails) {
            Matcher matcher = SUMMARY.matcher(text(m));
            if (matcher.find()) {
                sum += Long.parseLong(matcher.group(1));
            }
        }
        smtp.stop();
        System.out.printf(
                "| %,d | %,d | %d | %,d%s | %,d ms | %.1f MB |%n",
                n,
                f,
                mails.length,
                sum,
                sum == n && events == n ? " (exact)" : " (MISMATCH: counted " + events + ")",
                firstEmailMs,
                retained / 1_048_576.0);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String text(MimeMessage m) throws Exception {
        Multipart mp = (Multipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (p.isMimeType("text/plain")) {
                return (String) p.getContent();
            }
        }
        return "";
    }
}
