package dev.alertmail.testing;

import java.time.Clock;
import java.util.Map;

/** The two logging frameworks; a scenario names its config ("plain") and runs on each. */
public enum Adapter {
    LOGBACK {
        @Override
        public AlertApp start(String config, Map<String, String> properties, Clock clock) {
            return new LogbackHarness("logback/" + config + ".xml", properties, clock);
        }
    },
    LOG4J2 {
        @Override
        public AlertApp start(String config, Map<String, String> properties, Clock clock) {
            return new Log4jHarness("log4j2/" + config + ".xml", properties, clock);
        }
    };

    public abstract AlertApp start(String config, Map<String, String> properties, Clock clock);
}
