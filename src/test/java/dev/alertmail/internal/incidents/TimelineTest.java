package dev.alertmail.internal.incidents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void bucketsAddUpToTheCountWhateverTheSpan() {
        Random random = new Random(7);
        for (int run = 0; run < 200; run++) {
            Timeline t = new Timeline(0);
            long count = 0;
            long at = 0;
            for (int step = 0; step < 50; step++) {
                count += random.nextInt(1_000);
                at += random.nextInt(run % 2 == 0 ? 5_000 : 600_000);
                t.observe(count, at);
                Timeline.Snapshot s = t.snapshot(at);
                assertEquals(count, s.total(), "run " + run + " step " + step);
                assertEquals(true, s.counts().length <= Timeline.BUCKETS);
            }
        }
    }

    @Test
    void bucketsDoubleWhenTheSpanOutgrowsThem() {
        Timeline t = new Timeline(0);
        t.observe(5, 0);
        t.observe(8, 3_500);
        assertArrayEquals(new long[] {5, 0, 0, 3}, t.snapshot(3_999).counts());
        t.observe(10, 30_000); // 30 s: 1 s buckets no longer fit 24, 2 s ones do
        Timeline.Snapshot s = t.snapshot(30_000);
        assertEquals(2_000, s.bucketMillis());
        assertEquals(5, s.counts()[0]);
        assertEquals(3, s.counts()[1]);
        assertEquals(2, s.counts()[15]);
        t.observe(11, 600_000); // 10 min: 20 s buckets, then 1 min ones (whole multiples, exact)
        s = t.snapshot(600_000);
        assertEquals(60_000, s.bucketMillis());
        assertEquals(10, s.counts()[0]);
        assertEquals(1, s.counts()[10]);
        t.observe(12, 40L * 24 * 3_600_000); // 40 days: past the ladder, sizes double
        assertEquals(2L * 24 * 3_600_000, t.snapshot(40L * 24 * 3_600_000).bucketMillis());
        assertEquals(12, t.snapshot(40L * 24 * 3_600_000).total());
    }

    @Test
    void aBucketBeyondAnIntStaysExact() {
        Timeline t = new Timeline(0);
        t.observe(3_000_000_000L, 5_000);
        t.observe(6_000_000_001L, 5_500);
        t.observe(6_000_000_002L, 0);
        assertEquals(6_000_000_002L, t.snapshot(6_000).total());
        assertEquals(6_000_000_001L, t.snapshot(6_000).counts()[5]);
    }
}
