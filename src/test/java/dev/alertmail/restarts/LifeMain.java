package dev.alertmail.restarts;

import dev.alertmail.testing.LogbackHarness;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One life of a service in a JVM of its own, configured from logback/journal.xml on the real
 * clock: logs {@code events} errors, lets the worker tick (it journals them), prints
 * {@code JOURNALED}, then dies with {@code Runtime.halt} (a kill -9: no stop, no flush) — at once,
 * or when a line arrives on stdin.
 *
 * <p>Arguments: smtpPort stateDir events groupWait now|onInput lifeMillis logger release
 */
public final class LifeMain {

    private LifeMain() {}

    public static void main(String[] args) throws Exception {
        LogbackHarness app = new LogbackHarness(
                "logback/journal.xml",
                Map.of("smtpPort", args[0], "stateDir", args[1], "groupWait", args[3], "release", args[7]),
                null);
        int events = Integer.parseInt(args[2]);
        for (int i = 0; i < events; i++) {
            log(app, args[6], i);
        }
        Thread.sleep(Long.parseLong(args[5])); // several ticks (200 ms each): the journal holds every event
        System.out.println("JOURNALED " + events);
        System.out.flush();
        if (args[4].equals("onInput")) {
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        Runtime.getRuntime().halt(9);
    }

    /** The same incident in every life (and in the test's own engine): logger and pattern, no throwable. */
    static void log(LogbackHarness app, String logger, int i) {
        app.logger(logger).error("Order {} could not be paid", i);
    }
}
