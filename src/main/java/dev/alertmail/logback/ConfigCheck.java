package dev.alertmail.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import dev.alertmail.AlertEngine;
import dev.alertmail.CheckResult;
import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Checks a real logback.xml the way the application would load it: every alertmail appender's
 * settings, then a connection with the configured security and credentials, and with
 * {@code --send-test} one sample alert.
 *
 * <pre>java -cp … dev.alertmail.logback.ConfigCheck path/to/logback.xml [--send-test]</pre>
 *
 * Exit status 0 when everything works, 1 otherwise.
 */
public final class ConfigCheck {

    private ConfigCheck() {}

    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("usage: ConfigCheck path/to/logback.xml [--send-test]");
            System.exit(2);
        }
        boolean sendTest = List.of(args).contains("--send-test");
        System.exit(run(new File(args[0]), sendTest, System.out));
    }

    /** @return the number of problems found */
    public static int run(File config, boolean sendTest, PrintStream out) {
        out.println("alertmail check: " + config);
        LoggerContext context = new LoggerContext();
        context.setName("alertmail-check");
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        int problems = 0;
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            out.println("  cannot read the file: " + e.getMessage());
            return 1;
        }
        try {
            Map<String, ResendAlertAppender> appenders = alertAppenders(context);
            if (appenders.isEmpty()) {
                out.println("  no dev.alertmail.logback.ResendAlertAppender attached to any logger");
                return 1;
            }
            for (ResendAlertAppender a : appenders.values()) {
                out.println("appender " + a.getName());
                if (!a.isStarted()) {
                    problems++;
                    out.println("  settings ........ FAIL");
                    for (Status s : context.getStatusManager().getCopyOfStatusList()) {
                        if (s.getLevel() == Status.ERROR && s.getMessage().contains("[" + a.getName() + "]")) {
                            out.println("    " + s.getMessage());
                        }
                    }
                    continue;
                }
                out.println("  settings ........ OK");
                AlertEngine engine = Objects.requireNonNull(a.getEngine());
                CheckResult connection = engine.check(false).get(2, TimeUnit.MINUTES);
                if (!connection.ok()) {
                    problems++;
                    out.println("  connect/TLS/AUTH  FAIL: " + connection.problem());
                    continue;
                }
                out.println("  connect/TLS/AUTH  OK");
                if (sendTest) {
                    CheckResult sent = engine.check(true).get(2, TimeUnit.MINUTES);
                    if (!sent.ok()) {
                        problems++;
                    }
                    out.println("  test alert ...... " + (sent.ok() ? "sent" : "FAIL: " + sent.problem()));
                }
            }
        } catch (Exception e) {
            problems++;
            out.println("  check failed: " + e);
        } finally {
            context.stop();
        }
        out.println(problems == 0 ? "result: OK" : "result: " + problems + " problem(s)");
        return problems;
    }

    private static Map<String, ResendAlertAppender> alertAppenders(LoggerContext context) {
        Map<String, ResendAlertAppender> found = new LinkedHashMap<>();
        List<Logger> loggers = new ArrayList<>(context.getLoggerList());
        for (Logger logger : loggers) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> a = it.next();
                if (a instanceof ResendAlertAppender r) {
                    found.putIfAbsent(r.getName(), r);
                }
            }
        }
        return found;
    }
}
