package dev.alertmail.bench;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.alertmail.AlertEngine;
import java.net.URI;
import java.util.Map;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;

/** Starts a loopback SMTP server and a logging framework configured from bench/*.xml. */
final class BenchApps {

    private BenchApps() {}

    static GreenMail smtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    /** A running application: the error call, the engine when it is alertmail, and how to stop. */
    interface App {
        void error(String pattern, Object arg, Throwable t);

        AlertEngine engine();

        void stop();
    }

    static App start(String config, int port, Map<String, String> props) throws Exception {
        // a journal directory of its own (the default <java.io.tmpdir>/alertmail, journaling on): a run
        // never adopts what an earlier, interrupted run left pending, which would inflate its counts
        System.setProperty(
                "java.io.tmpdir",
                java.nio.file.Files.createTempDirectory("alertmail-bench").toString());
        if (config.startsWith("logback")) {
            LoggerContext ctx = new LoggerContext();
            ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
            ctx.putProperty("benchPort", Integer.toString(port));
            props.forEach(ctx::putProperty);
            JoranConfigurator j = new JoranConfigurator();
            j.setContext(ctx);
            j.doConfigure(BenchApps.class.getResource("/bench/" + config + ".xml"));
            org.slf4j.Logger log = ctx.getLogger("com.shop.Orders");
            return new App() {
                @Override
                public void error(String pattern, Object arg, Throwable t) {
                    log.error(pattern, arg, t);
                }

                @Override
                public AlertEngine engine() {
                    Object a = ctx.getLogger("ROOT").getAppender("OUT");
                    return a instanceof dev.alertmail.logback.ResendAlertAppender r ? r.getEngine() : null;
                }

                @Override
                public void stop() {
                    ctx.stop();
                }
            };
        }
        System.setProperty("bench.port", Integer.toString(port));
        URI uri = BenchApps.class.getResource("/bench/" + config + ".xml").toURI();
        org.apache.logging.log4j.core.LoggerContext ctx =
                new org.apache.logging.log4j.core.LoggerContext("bench-" + config + System.nanoTime(), null, uri);
        Configuration c = ConfigurationFactory.getInstance().getConfiguration(ctx, ConfigurationSource.fromUri(uri));
        ctx.start(c);
        org.apache.logging.log4j.Logger log = ctx.getLogger("com.shop.Orders");
        return new App() {
            @Override
            public void error(String pattern, Object arg, Throwable t) {
                log.error(pattern, arg, t);
            }

            @Override
            public AlertEngine engine() {
                Object a = ctx.getConfiguration().getAppender("OUT");
                return a instanceof dev.alertmail.log4j2.ResendAlertAppender r ? r.getEngine() : null;
            }

            @Override
            public void stop() {
                ctx.stop();
            }
        };
    }

    /** F message patterns, so F distinct fingerprints. */
    static String[] patterns(int fingerprints) {
        String[] p = new String[fingerprints];
        for (int i = 0; i < fingerprints; i++) {
            p[i] = "Order {} failed in step " + i;
        }
        return p;
    }
}
