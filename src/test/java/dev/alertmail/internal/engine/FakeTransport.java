package dev.alertmail.internal.engine;

import dev.alertmail.internal.delivery.EmailTransport;
import dev.alertmail.internal.delivery.MimeComposer;
import dev.alertmail.internal.delivery.SendResult;
import dev.alertmail.testing.Mails;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/** A transport without sockets: answers as scripted, records every attempt, can hold one send "in flight". */
final class FakeTransport implements EmailTransport {

    /** One attempt as the transport saw it. */
    record Attempt(byte[] mime, long timeoutCap, SendResult result) {
        MimeMessage parse() {
            try {
                return new MimeMessage(null, new ByteArrayInputStream(mime));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        String key() throws Exception {
            return parse().getHeader(MimeComposer.IDEMPOTENCY_HEADER, null);
        }

        long events() throws Exception {
            return Long.parseLong(Mails.text(parse()).split(" ")[0]);
        }
    }

    private final Deque<SendResult> script = new ArrayDeque<>();
    final List<Attempt> attempts = new ArrayList<>();
    private volatile CountDownLatch hold;
    private volatile Runnable duringSend = () -> {};
    final CountDownLatch holding = new CountDownLatch(1);

    synchronized FakeTransport then(SendResult... results) {
        script.addAll(List.of(results));
        return this;
    }

    /** Runs inside every send (to move a test clock, or to throw). */
    FakeTransport duringSend(Runnable r) {
        duringSend = r;
        return this;
    }

    /** The next send blocks until {@link #release()}: a stalled connection the worker is stuck in. */
    FakeTransport holdNext() {
        hold = new CountDownLatch(1);
        return this;
    }

    void release() {
        CountDownLatch h = hold;
        if (h != null) {
            h.countDown();
        }
    }

    @Override
    public SendResult send(byte[] mime, long timeoutCapMillis) {
        duringSend.run();
        CountDownLatch h = hold;
        if (h != null) {
            hold = null;
            holding.countDown();
            try {
                h.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return record(mime, timeoutCapMillis, SendResult.retry("421 4.4.2 timed out while stalled"));
        }
        SendResult r;
        synchronized (this) {
            r = script.isEmpty() ? SendResult.sent() : script.poll();
        }
        return record(mime, timeoutCapMillis, r);
    }

    private synchronized SendResult record(byte[] mime, long cap, SendResult r) {
        attempts.add(new Attempt(mime, cap, r));
        return r;
    }

    synchronized List<Attempt> sent() {
        return attempts.stream()
                .filter(a -> a.result().outcome() == SendResult.Outcome.SENT)
                .toList();
    }

    @Override
    public @Nullable String check() {
        return null;
    }
}
