package dev.alertmail.internal.journal;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.capture.IncidentSample;
import dev.alertmail.internal.incidents.Restarts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A journal's bytes: a magic word and a format version, the state, then a CRC-32 of everything
 * before it, so a truncated or damaged file is recognised as such and never half read. Bounded:
 * pending incidents, largest first, stop at {@link #MAX_PENDING_BYTES}.
 */
final class JournalCodec {

    static final int MAGIC = 0x414C4D4A; // "ALMJ"
    static final int VERSION = 1;
    /** Samples of pending incidents beyond this stay out of the file (the largest counts go first). */
    static final int MAX_PENDING_BYTES = 4 << 20;
    /** Unsent emails beyond this stay out of the file (an email is kept small: tens of KB). */
    static final int MAX_EMAIL_BYTES = 4 << 20;
    /** Key history (many recipients make long audiences) beyond this stays out of the file, the oldest first. */
    static final int MAX_HISTORY_BYTES = 4 << 20;
    /** A file larger than this is not one of ours (samples, emails and key history, 12 MiB, and the rest). */
    static final int MAX_FILE_BYTES = 16 << 20;

    private JournalCodec() {}

    /** @param samples encoded samples by identity, reused across writes (samples never change) */
    static byte[] encode(JournalState s, Map<IncidentSample, byte[]> samples) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(s.startedAt());
            out.writeLong(s.writtenAt());
            out.writeBoolean(s.stopped());
            List<byte[]> pending = new ArrayList<>();
            int size = 0;
            for (JournalState.Pending p : s.pending()) {
                byte[] b = pendingBytes(p, samples);
                if (size + b.length > MAX_PENDING_BYTES) {
                    break;
                }
                size += b.length;
                pending.add(b);
            }
            out.writeInt(pending.size());
            for (byte[] b : pending) {
                out.write(b);
            }
            List<JournalState.Email> emails = new ArrayList<>();
            size = 0;
            for (JournalState.Email e : s.emails()) {
                size += e.mime().length;
                if (size <= MAX_EMAIL_BYTES) {
                    emails.add(e);
                }
            }
            out.writeInt(emails.size());
            for (JournalState.Email e : emails) {
                SampleBytes.string(out, e.key());
                SampleBytes.string(out, e.subject());
                out.writeLong(e.createdAt());
                out.writeInt(e.incidents());
                out.writeLong(e.events());
                out.writeInt(e.mime().length);
                out.write(e.mime());
            }
            int from = s.mailed().size();
            for (size = 0; from > 0; from--) { // the most recent entries (last), within a budget
                size += s.mailed().get(from - 1).audience().length() * 3 + 64;
                if (size > MAX_HISTORY_BYTES) {
                    break;
                }
            }
            List<JournalState.Mailed> mailed =
                    s.mailed().subList(from, s.mailed().size());
            out.writeInt(mailed.size());
            for (JournalState.Mailed m : mailed) {
                SampleBytes.string(out, m.audience());
                SampleBytes.string(out, m.fingerprint().toHex());
                out.writeLong(m.times());
            }
            out.writeInt(s.keys().size());
            for (JournalState.Issued k : s.keys()) {
                SampleBytes.string(out, k.key());
                out.writeLong(k.issuedAt());
            }
            out.writeInt(s.known().size());
            for (JournalState.Known k : s.known()) {
                SampleBytes.string(out, k.fingerprint().toHex());
                SampleBytes.string(out, k.firstRelease());
                out.writeLong(k.firstSeen());
                out.writeLong(k.resolvedAt());
                SampleBytes.string(out, k.resolvedIn());
            }
            out.writeInt(s.releases().size());
            for (String r : s.releases()) {
                SampleBytes.string(out, r);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in memory", e);
        }
    }

    private static byte[] pendingBytes(JournalState.Pending p, Map<IncidentSample, byte[]> samples) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(bytes);
        SampleBytes.string(out, p.fingerprint().toHex());
        out.writeLong(p.events());
        out.writeLong(p.firstSeen());
        out.writeLong(p.lastSeen());
        out.writeInt(p.restarts().count());
        out.writeInt(p.restarts().recent().size());
        for (long at : p.restarts().recent()) {
            out.writeLong(at);
        }
        byte[] sample = samples.get(p.sample());
        if (sample == null) {
            ByteArrayOutputStream s = new ByteArrayOutputStream(1024);
            SampleBytes.write(new DataOutputStream(s), p.sample());
            sample = s.toByteArray();
            samples.put(p.sample(), sample);
        }
        out.write(sample);
        return bytes.toByteArray();
    }

    /** @throws IOException when the bytes are not a whole journal of a version this code reads */
    static JournalState decode(byte[] b) throws IOException {
        if (b.length < 16 || b.length > MAX_FILE_BYTES) {
            throw new IOException(b.length + " bytes: truncated or not a journal");
        }
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 8);
        if (crc.getValue() != ByteBuffer.wrap(b, b.length - 8, 8).getLong()) {
            throw new IOException("checksum mismatch: truncated or damaged");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b, 0, b.length - 8));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a journal");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("journal format " + version + ", this version reads " + VERSION);
        }
        try {
            return state(in);
        } catch (RuntimeException e) { // a fingerprint or sample that does not parse: damaged, whatever the CRC says
            throw new IOException(e.toString(), e);
        }
    }

    private static JournalState state(DataInputStream in) throws IOException {
        long startedAt = in.readLong();
        long writtenAt = in.readLong();
        boolean stopped = in.readBoolean();
        List<JournalState.Pending> pending = new ArrayList<>();
        for (int i = 0, n = SampleBytes.size(in); i < n; i++) {
            Fingerprint fp = Fingerprint.fromHex(SampleBytes.string(in));
            long events = in.readLong();
            long firstSeen = in.readLong();
            long lastSeen = in.readLong();
            int restarts = in.readInt();
            List<Long> recent = new ArrayList<>();
            for (int j = 0, m = SampleBytes.size(in); j < m; j++) {
                recent.add(in.readLong());
            }
            pending.add(new JournalState.Pending(
                    fp, SampleBytes.read(in), events, firstSeen, lastSeen, new Restarts(restarts, recent)));
        }
        List<JournalState.Email> emails = new ArrayList<>();
        for (int i = 0, n = SampleBytes.size(in); i < n; i++) {
            String key = SampleBytes.string(in);
            String subject = SampleBytes.string(in);
            long createdAt = in.readLong();
            int incidents = in.readInt();
            long events = in.readLong();
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IOException("an email of " + length + " bytes");
            }
            emails.add(new JournalState.Email(key, subject, createdAt, incidents, events, in.readNBytes(length)));
        }
        List<JournalState.Mailed> mailed = new ArrayList<>();
        for (int i = 0, n = SampleBytes.size(in); i < n; i++) {
            mailed.add(new JournalState.Mailed(
                    SampleBytes.string(in), Fingerprint.fromHex(SampleBytes.string(in)), in.readLong()));
        }
        List<JournalState.Issued> keys = new ArrayList<>();
        for (int i = 0, n = SampleBytes.size(in); i < n; i++) {
            keys.add(new JournalState.Issued(SampleBytes.string(in), in.readLong()));
        }
        List<JournalState.Known> known = new ArrayList<>();
        for (int i = 0, n = SampleBytes.size(in); i < n; i++) {
            known.add(new JournalState.Known(
                    Fingerprint.fromHex(SampleBytes.string(in)),
                    SampleBytes.string(in),
                    in.readLong(),
                    in.readLong(),
                    SampleBytes.string(in)));
        }
        List<String> releases = new ArrayList<>();
        for (int i = 0, n = SampleBytes.size(in); i < n; i++) {
            releases.add(SampleBytes.string(in));
        }
        if (in.available() != 0) {
            throw new IOException(in.available() + " bytes after the end");
        }
        return new JournalState(startedAt, writtenAt, stopped, pending, emails, mailed, keys, known, releases);
    }
}
