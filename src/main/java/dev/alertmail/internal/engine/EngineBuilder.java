package dev.alertmail.internal.engine;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.delivery.EmailLedger;
import dev.alertmail.internal.delivery.HostIdentity;
import java.time.Clock;
import java.util.Objects;

/** How an engine is made, Caffeine style: clock and status channel injectable. */
public final class EngineBuilder {
    private final AlertConfig config;
    private String name = "alertmail";
    private StatusReporter status = new StatusReporter.Silent();
    private Clock clock = Clock.systemUTC();

    EngineBuilder(AlertConfig config) {
        this.config = config;
    }

    /** The appender's name: in thread names, the MBean's name and status lines. */
    public EngineBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Where problems and deliveries are reported (never a logger: that would recurse). */
    public EngineBuilder status(StatusReporter status) {
        this.status = Objects.requireNonNull(status, "status");
        return this;
    }

    /** The wall clock; timers run on monotonic time derived from it (tests move it by hand). */
    public EngineBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    public Engine start() {
        return new Engine(config, name, status, clock, EmailLedger.JVM, null, plan -> {}, HostIdentity.DNS);
    }
}
