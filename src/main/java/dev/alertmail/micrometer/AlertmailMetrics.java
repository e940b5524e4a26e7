package dev.alertmail.micrometer;

import dev.alertmail.AlertCounters;
import dev.alertmail.AlertEngine;
import dev.alertmail.FleetStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * An engine's counters as Micrometer meters, tagged {@code appender=<name>}:
 *
 * <ul>
 *   <li>{@code alertmail.events} — events at or above {@code level} counted into incidents;
 *   <li>{@code alertmail.emails} with {@code result=sent|retried|failed|deduplicated|held_back};
 *   <li>{@code alertmail.incidents} — distinct incidents tracked now;
 *   <li>{@code alertmail.emails.pending} — emails built and not yet done with.
 * </ul>
 *
 * By hand: {@code new AlertmailMetrics(appender::getEngine, appender.getName()).bindTo(registry)}
 * (an appender whose configuration was rejected has no engine: its meters read 0); the registry keeps
 * the meters' state (this binder) alive, so the binder need not be kept. The Spring Boot
 * auto-configuration registers one for the appender it attaches.
 */
public final class AlertmailMetrics implements MeterBinder {

    private final Supplier<@Nullable AlertEngine> engine;
    private final String appender;

    /** @param engine a started engine ({@code appender.getEngine()} after a successful start) */
    public AlertmailMetrics(AlertEngine engine) {
        this(
                () -> engine,
                Objects.requireNonNull(
                                engine,
                                "engine: the appender has none (not started, or its configuration was rejected:"
                                        + " see its status messages); use AlertmailMetrics(appender::getEngine, name)")
                        .name());
    }

    /** @param engine read on every scrape: the engine may start after the registry binds its meters */
    public AlertmailMetrics(Supplier<@Nullable AlertEngine> engine, String appender) {
        this.engine = engine;
        this.appender = appender;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of("appender", appender);
        FunctionCounter.builder("alertmail.events", this, held(this, counter(AlertCounters::events)))
                .description("events at or above the level, counted into incidents")
                .tags(tags)
                .register(registry);
        email(registry, tags, "sent", AlertCounters::emailsSent, "emails accepted by the SMTP server");
        email(
                registry,
                tags,
                "retried",
                AlertCounters::emailsRetried,
                "attempts that failed transiently and were retried");
        email(
                registry,
                tags,
                "failed",
                AlertCounters::emailsFailed,
                "emails given up on (permanent failure, or at shutdown)");
        email(registry, tags, "deduplicated", AlertCounters::emailsDeduplicated, "emails a peer replica already sent");
        email(registry, tags, "held_back", AlertCounters::emailsHeldBack, "times the hourly cap held an email back");
        Gauge.builder("alertmail.incidents", this, m -> {
                    AlertEngine e = m.engine.get();
                    return e == null ? 0 : e.incidentsTracked();
                })
                .strongReference(true)
                .description("distinct incidents tracked")
                .tags(tags)
                .register(registry);
        Gauge.builder("alertmail.emails.pending", this, counter(AlertCounters::emailsPending))
                .strongReference(true)
                .description("emails built and not yet sent, refused or given up")
                .tags(tags)
                .register(registry);
        fleet(
                registry,
                tags,
                "alertmail.fleet.mailer",
                f -> f.role().equals("mailer") ? 1 : 0,
                "1 while this member holds the fleet's lease and mails for it");
        fleet(
                registry,
                tags,
                "alertmail.fleet.alone",
                f -> f.role().equals("alone") ? 1 : 0,
                "1 while Redis does not answer and this member mails on its own");
        fleet(
                registry,
                tags,
                "alertmail.fleet.redis.reachable",
                f -> f.redisReachable() ? 1 : 0,
                "1 when Redis answered the last exchange");
        fleet(
                registry,
                tags,
                "alertmail.fleet.exchange.age",
                f -> f.lastExchangeAgeMillis() < 0 ? Double.NaN : f.lastExchangeAgeMillis() / 1000.0,
                "seconds since Redis last answered (NaN: never, or no fleet)");
        fleet(
                registry,
                tags,
                "alertmail.fleet.incidents.waiting",
                FleetStatus::incidentsWaiting,
                "the fleet's mailer: incidents with events not yet mailed (0 on other members)");
        fleet(
                registry,
                tags,
                "alertmail.fleet.emails.booked",
                FleetStatus::emailsBooked,
                "the fleet's mailer: emails booked in Redis and not yet sent (0 on other members)");
    }

    private void fleet(
            MeterRegistry registry, Tags tags, String name, ToDoubleFunction<FleetStatus> read, String description) {
        Gauge.builder(name, this, m -> {
                    AlertEngine e = m.engine.get();
                    FleetStatus f = e == null ? FleetStatus.NONE : e.fleet();
                    return f.equals(FleetStatus.NONE) ? Double.NaN : read.applyAsDouble(f);
                })
                .strongReference(true)
                .description(description)
                .tags(tags)
                .register(registry);
    }

    private void email(MeterRegistry registry, Tags tags, String result, ToLong read, String description) {
        FunctionCounter.builder("alertmail.emails", this, held(this, counter(read)))
                .description(description)
                .tags(tags.and("result", result))
                .register(registry);
    }

    private static ToDoubleFunction<AlertmailMetrics> counter(ToLong read) {
        return m -> {
            AlertEngine e = m.engine.get();
            return e == null ? 0 : read.applyAsLong(e.counters());
        };
    }

    /**
     * The function, holding {@code state} strongly. Micrometer keeps a meter's state object only
     * weakly (a gauge offers {@code strongReference(true)}, a function counter does not): bound the
     * docs/operations.md's way, {@code new AlertmailMetrics(engine).bindTo(registry)}, nothing else refers to the
     * binder, and after a garbage collection the counters would read 0 and the gauges NaN. The
     * registry keeps the function, so the function keeps the binder (and its engine) for as long as
     * the meter is registered.
     */
    private static <T> ToDoubleFunction<T> held(T state, ToDoubleFunction<T> f) {
        return new ToDoubleFunction<>() {
            @SuppressWarnings("unused") // the reference is the point
            private final T kept = state;

            @Override
            public double applyAsDouble(T t) {
                return f.applyAsDouble(t);
            }
        };
    }

    /** A counter of {@link AlertCounters}. */
    @FunctionalInterface
    private interface ToLong {
        long applyAsLong(AlertCounters c);
    }
}
