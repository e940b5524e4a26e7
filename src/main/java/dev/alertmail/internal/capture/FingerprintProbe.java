package dev.alertmail.internal.capture;

import dev.alertmail.internal.text.Hashing;

/**
 * A reusable, per-thread fingerprint under construction: the hashing lanes while it is computed,
 * then the lookup key. The store's map compares it with stored {@link Fingerprint}s
 * ({@code probe.equals(stored)}), so a repeat event finds its incident without allocating a key.
 * Never stored: a new incident gets {@link #toFingerprint()}.
 */
public final class FingerprintProbe {

    private static final long LANE_B_OFFSET = 0x84222325cbf29ce4L;

    long a;
    long b;
    private long high;
    private long low;
    private final TemplateLanes template = new TemplateLanes();

    /** The hashing lanes as a {@link MessageTemplate.Sink}: a placeholder is one private-use character. */
    private static final class TemplateLanes implements MessageTemplate.Sink {
        long x;
        long y;

        @Override
        public void text(char c) {
            x = (x ^ c) * Hashing.FNV_PRIME;
            y = (y ^ c) * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL;
        }

        @Override
        public void placeholder(MessageTemplate.Kind kind) {
            text((char) (0xE000 + kind.ordinal()));
        }
    }

    void start() {
        a = Hashing.FNV_OFFSET;
        b = LANE_B_OFFSET;
    }

    /** Log content (logger name, message pattern): every character, up to a cap, in both lanes. */
    void addText(String s) {
        long x = a;
        long y = b;
        for (int i = 0, n = Math.min(s.length(), Hashing.MAX_HASHED_CHARS); i < n; i++) {
            char c = s.charAt(i);
            x = (x ^ c) * Hashing.FNV_PRIME;
            y = (y ^ c) * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL;
        }
        a = (x ^ 0x1F) * Hashing.FNV_PRIME;
        b = (y ^ 0x1F) * 0x9E3779B97F4A7C15L;
    }

    /** A message pattern as its {@link MessageTemplate}: values replaced by placeholders. */
    void addTemplate(String s) {
        TemplateLanes t = template;
        t.x = a;
        t.y = b;
        MessageTemplate.scan(s, t);
        a = (t.x ^ 0x1F) * Hashing.FNV_PRIME;
        b = (t.y ^ 0x1F) * 0x9E3779B97F4A7C15L;
    }

    /** A value already hashed (a class name's, a frame's). */
    void addHash(long v) {
        a = Hashing.mix(a, v);
        b = Hashing.mix(b, Long.rotateLeft(v, 29) ^ 0x5851F42D4C957F2DL);
    }

    /** The lanes hold a throwable's part; fold it into the lanes as they were before it ({@code a}, {@code b}). */
    void mixInto(long a, long b) {
        long ta = this.a;
        long tb = this.b;
        this.a = a;
        this.b = b;
        addHash(ta);
        addHash(tb);
    }

    void finish() {
        high = Hashing.fmix(a);
        low = Hashing.fmix(b ^ a);
    }

    public Fingerprint toFingerprint() {
        return new Fingerprint(high, low);
    }

    @Override
    public int hashCode() {
        return Fingerprint.hash(high, low);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && f.high == high && f.low == low;
    }
}
