package dev.alertmail.internal.journal;

import dev.alertmail.internal.capture.IncidentSample;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A sample in a journal: already redacted and capped, exactly as an email would show it. */
final class SampleBytes {

    /** No string in a sample comes near this; a longer length is a corrupt file, not an allocation. */
    private static final int MAX_STRING_BYTES = 1 << 20;

    private SampleBytes() {}

    static void write(DataOutputStream out, IncidentSample s) throws IOException {
        out.writeLong(s.timestamp());
        string(out, s.level());
        string(out, s.loggerName());
        string(out, s.threadName());
        string(out, s.message());
        nullable(out, s.exceptionClass());
        nullable(out, s.exceptionMessage());
        out.writeInt(s.stackTrace().size());
        for (IncidentSample.TraceLine l : s.stackTrace()) {
            string(out, l.text());
            out.writeBoolean(l.inApp());
        }
        out.writeInt(s.mdc().size());
        for (Map.Entry<String, String> e : s.mdc().entrySet()) {
            string(out, e.getKey());
            string(out, e.getValue());
        }
        out.writeInt(s.contextLines().size());
        for (String l : s.contextLines()) {
            string(out, l);
        }
        nullable(out, s.callSite());
        IncidentSample.Lead lead = s.lead();
        out.writeBoolean(lead != null);
        if (lead != null) {
            string(out, lead.exceptionClass());
            string(out, lead.message());
            nullable(out, lead.site());
        }
    }

    static IncidentSample read(DataInputStream in) throws IOException {
        long timestamp = in.readLong();
        String level = string(in);
        String logger = string(in);
        String thread = string(in);
        String message = string(in);
        String exceptionClass = nullable(in);
        String exceptionMessage = nullable(in);
        List<IncidentSample.TraceLine> trace = new ArrayList<>();
        for (int i = 0, n = size(in); i < n; i++) {
            trace.add(new IncidentSample.TraceLine(string(in), in.readBoolean()));
        }
        Map<String, String> mdc = new LinkedHashMap<>();
        for (int i = 0, n = size(in); i < n; i++) {
            mdc.put(string(in), string(in));
        }
        List<String> context = new ArrayList<>();
        for (int i = 0, n = size(in); i < n; i++) {
            context.add(string(in));
        }
        String callSite = nullable(in);
        IncidentSample.Lead lead =
                in.readBoolean() ? new IncidentSample.Lead(string(in), string(in), nullable(in)) : null;
        return new IncidentSample(
                timestamp,
                level,
                logger,
                thread,
                message,
                exceptionClass,
                exceptionMessage,
                List.copyOf(trace),
                Collections.unmodifiableMap(mdc),
                List.copyOf(context),
                callSite,
                lead);
    }

    static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING_BYTES) {
            throw new IOException("a string of " + n + " bytes");
        }
        return new String(in.readNBytes(checkedLength(in, n)), StandardCharsets.UTF_8);
    }

    private static int checkedLength(DataInputStream in, int n) throws IOException {
        if (in.available() < n) {
            throw new IOException("truncated");
        }
        return n;
    }

    private static void nullable(DataOutputStream out, @Nullable String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            string(out, s);
        }
    }

    private static @Nullable String nullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? string(in) : null;
    }

    /** A count of items; each takes at least one byte, so a count past what is left is a corrupt file. */
    static int size(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("a list of " + n + " items");
        }
        return n;
    }
}
