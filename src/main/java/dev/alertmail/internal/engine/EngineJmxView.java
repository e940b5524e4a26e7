package dev.alertmail.internal.engine;

import dev.alertmail.AlertEngineMXBean;

/** The JMX view of one engine's counters. */
final class EngineJmxView implements AlertEngineMXBean {

    private final Engine engine;

    EngineJmxView(Engine engine) {
        this.engine = engine;
    }

    @Override
    public long getEvents() {
        return engine.counters().events();
    }

    @Override
    public long getIncidentsTracked() {
        return engine.incidentsTracked();
    }

    @Override
    public long getOverflowEvents() {
        return engine.overflowEvents();
    }

    @Override
    public long getEmailsSent() {
        return engine.counters().emailsSent();
    }

    @Override
    public long getEmailsRetried() {
        return engine.counters().emailsRetried();
    }

    @Override
    public long getEmailsFailed() {
        return engine.counters().emailsFailed();
    }

    @Override
    public long getEmailsDeduplicated() {
        return engine.counters().emailsDeduplicated();
    }

    @Override
    public long getEmailsHeldBack() {
        return engine.counters().emailsHeldBack();
    }

    @Override
    public long getEmailsPending() {
        return engine.counters().emailsPending();
    }

    @Override
    public String getFleetRole() {
        return engine.fleet().role();
    }

    @Override
    public boolean isFleetRedisReachable() {
        return engine.fleet().redisReachable();
    }

    @Override
    public long getFleetLastExchangeAgeMillis() {
        return engine.fleet().lastExchangeAgeMillis();
    }

    @Override
    public int getFleetIncidentsWaiting() {
        return engine.fleet().incidentsWaiting();
    }

    @Override
    public int getFleetEmailsBooked() {
        return engine.fleet().emailsBooked();
    }

    @Override
    public long getEventsDropped() {
        return engine.counters().eventsDropped();
    }
}
