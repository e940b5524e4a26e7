package dev.alertmail.fleet;

import dev.alertmail.testing.LogbackHarness;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * One replica in a JVM of its own, configured from logback/fleet.xml on the real clock: logs
 * {@code events} errors at random over {@code spreadMillis}, prints {@code LOGGED n}, then waits
 * for a line on stdin ("stop") and stops (flushing as an application would), or is killed.
 *
 * <p>Arguments: smtpPort redisUri host seed events spreadMillis [property=value ...]
 */
public final class FleetMemberMain {

    private FleetMemberMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> props = new HashMap<>(Map.of("smtpPort", args[0], "redisUri", args[1], "host", args[2]));
        for (int i = 6; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            props.put(kv[0], kv[1]);
        }
        LogbackHarness app = new LogbackHarness("logback/fleet.xml", props, null);
        System.out.println("STARTED");
        Random random = new Random(Long.parseLong(args[3]));
        int events = Integer.parseInt(args[4]);
        long spread = Long.parseLong(args[5]);
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long due = start + spread * 1_000_000L * i / Math.max(1, events);
            long wait = (due - System.nanoTime()) / 1_000_000L;
            if (wait > 0) {
                Thread.sleep(wait); // the traffic of an application, not a wait for alertmail
            }
            FleetTest.log(app, random.nextInt(FleetTest.KINDS.length), 1);
        }
        System.out.println("LOGGED " + events);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        in.readLine(); // "stop", or end of input
        app.close();
        System.out.println("STOPPED " + String.join(" | ", app.errors()));
        System.out.flush();
    }
}
