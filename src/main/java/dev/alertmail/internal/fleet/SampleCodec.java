package dev.alertmail.internal.fleet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alertmail.internal.capture.IncidentSample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An incident's first sample as JSON, for the fleet's mailer. Only samples leave the process, and
 * they are already redacted and capped exactly as an email would show them.
 */
final class SampleCodec {

    private SampleCodec() {}

    static String encode(IncidentSample s) {
        JsonObject o = new JsonObject();
        o.addProperty("t", s.timestamp());
        o.addProperty("level", s.level());
        o.addProperty("logger", s.loggerName());
        o.addProperty("thread", s.threadName());
        o.addProperty("message", s.message());
        o.addProperty("exception", s.exceptionClass());
        o.addProperty("exceptionMessage", s.exceptionMessage());
        JsonArray trace = new JsonArray();
        for (IncidentSample.TraceLine l : s.stackTrace()) {
            JsonObject line = new JsonObject();
            line.addProperty("text", l.text());
            line.addProperty("inApp", l.inApp());
            trace.add(line);
        }
        o.add("trace", trace);
        JsonObject mdc = new JsonObject();
        s.mdc().forEach(mdc::addProperty);
        o.add("mdc", mdc);
        JsonArray context = new JsonArray();
        s.contextLines().forEach(context::add);
        o.add("context", context);
        o.addProperty("callSite", s.callSite());
        IncidentSample.Lead lead = s.lead();
        if (lead != null) {
            JsonObject l = new JsonObject();
            l.addProperty("exception", lead.exceptionClass());
            l.addProperty("message", lead.message());
            l.addProperty("site", lead.site());
            o.add("lead", l);
        }
        return o.toString();
    }

    /** @throws RuntimeException (Gson's) when the text is not a sample */
    static IncidentSample decode(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        List<IncidentSample.TraceLine> trace = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("trace")) {
            JsonObject line = e.getAsJsonObject();
            trace.add(new IncidentSample.TraceLine(
                    line.get("text").getAsString(), line.get("inApp").getAsBoolean()));
        }
        Map<String, String> mdc = new LinkedHashMap<>();
        o.getAsJsonObject("mdc")
                .entrySet()
                .forEach(e -> mdc.put(e.getKey(), e.getValue().getAsString()));
        List<String> context = new ArrayList<>();
        o.getAsJsonArray("context").forEach(e -> context.add(e.getAsString()));
        return new IncidentSample(
                o.get("t").getAsLong(),
                text(o, "level", "ERROR"),
                text(o, "logger", "unknown"),
                text(o, "thread", "unknown"),
                text(o, "message", ""),
                nullable(o, "exception"),
                nullable(o, "exceptionMessage"),
                List.copyOf(trace),
                Collections.unmodifiableMap(mdc),
                List.copyOf(context),
                nullable(o, "callSite"),
                lead(o));
    }

    /** A sample from a member without leads has none. */
    private static IncidentSample.@Nullable Lead lead(JsonObject o) {
        JsonElement e = o.get("lead");
        if (e == null || !e.isJsonObject()) {
            return null;
        }
        JsonObject l = e.getAsJsonObject();
        return new IncidentSample.Lead(text(l, "exception", "unknown"), text(l, "message", ""), nullable(l, "site"));
    }

    private static String text(JsonObject o, String name, String fallback) {
        String v = nullable(o, name);
        return v == null ? fallback : v;
    }

    private static @Nullable String nullable(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
