package dev.alertmail.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alertmail.testing.Adapter;
import dev.alertmail.testing.AlertApp;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ResendSmtp;
import dev.alertmail.testing.TestLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An incident's preceding lines come from its own thread only: another request's lines are
 * another user's data. Checked with unnamed virtual threads (all named "", JDK 21+), and behind
 * async appenders and loggers, where one background thread appends everyone's events.
 */
class ContextLinesTest {

    private static final Pattern REQUEST = Pattern.compile("request (\\d+)");

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    private AlertApp app(Adapter adapter, String config) {
        return adapter.start(config, Map.of("smtpPort", Integer.toString(smtp.port())), clock);
    }

    /** Each task: a few INFO lines about its own request, then the one shared error. */
    private static Runnable request(TestLog log, int id) {
        return () -> {
            for (int step = 0; step < 3; step++) {
                log.info("request " + id + " step " + step);
                Thread.yield();
            }
            log.error("Checkout failed");
        };
    }

    /** The request ids the email's incident shows: its own message's and its context lines'. */
    private List<String> requestsInTheEmail() throws Exception {
        String text = Mails.text(smtp.getReceivedMessages()[0]);
        int from = text.indexOf("preceding lines on this thread:");
        assertTrue(from > 0, text);
        List<String> ids = new ArrayList<>();
        Matcher m = REQUEST.matcher(text.substring(from));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private void assertOneThreadsLines() throws Exception {
        List<String> ids = requestsInTheEmail();
        assertEquals(3, ids.size(), ids.toString());
        assertEquals(1, ids.stream().distinct().count(), "lines of other threads: " + ids);
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void unnamedVirtualThreadsNeverSeeEachOthersLines(Adapter adapter) throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        ExecutorService virtual = (ExecutorService)
                Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        try (AlertApp app = app(adapter, "plain")) {
            TestLog log = app.log("com.shop.Checkout");
            List<Future<?>> done = new ArrayList<>();
            for (int id = 0; id < 200; id++) {
                done.add(virtual.submit(request(log, id)));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            app.advance(Duration.ofSeconds(10));
            assertOneThreadsLines();
        } finally {
            virtual.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void behindAnAsyncAppenderOrLoggerLinesStayWithTheirThread(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter, "async")) {
            TestLog log = app.log("com.shop.Checkout");
            List<Thread> threads = new ArrayList<>();
            for (int id = 0; id < 8; id++) {
                threads.add(new Thread(request(log, id), "http-nio-8080-exec-" + id));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            app.close(); // drains the async queue, then flushes
            assertOneThreadsLines();
        }
    }
}
