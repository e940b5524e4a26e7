package com.example.shop;

import java.net.SocketTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A checkout service having a bad day: a database pool runs dry, the payment gateway times out,
 * and (in wave 2) a pricing bug throws, from several request threads at once. It logs through
 * SLF4J, so the same code runs on Logback and on Log4j2.
 */
final class Storm {

    static final int THREADS = 4;

    private final AtomicLong logged = new AtomicLong();

    long logged() {
        return logged.get();
    }

    /** Each thread: an INFO line as context, then one error from one of three code paths. */
    void wave(int wave, int perThread) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int worker = t;
            Thread thread = new Thread(() -> {
                CheckoutService checkout = new CheckoutService();
                for (int i = 0; i < perThread; i++) {
                    String order = "ord-" + worker + "-" + i;
                    MDC.put("orderId", order);
                    MDC.put("requestId", Long.toHexString(order.hashCode() & 0xffffffffL));
                    try {
                        checkout.checkout(order, wave, i);
                    } finally {
                        MDC.clear();
                    }
                    logged.incrementAndGet();
                }
            }, "http-nio-8080-exec-" + (t + 1));
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** The application code whose failures we alert on. */
    static final class CheckoutService {
        private static final Logger LOG = LoggerFactory.getLogger(CheckoutService.class);
        private static final Logger REPO = LoggerFactory.getLogger("com.example.shop.OrderRepository");
        private static final Logger PAY = LoggerFactory.getLogger("com.example.shop.PaymentClient");

        void checkout(String order, int wave, int i) {
            LOG.info("Checkout started for {} (card={})", order, "4111111111111111");
            try {
                if (wave == 1 && i % 4 == 0) {
                    price(order, null);
                } else if (i % 3 == 0) {
                    charge(order);
                } else {
                    save(order);
                }
            } catch (SQLTransientConnectionException e) {
                REPO.error("Could not save order {}", order, e);
            } catch (SocketTimeoutException e) {
                PAY.error("Payment for order {} timed out after {} ms", order, 3000, e);
            } catch (RuntimeException e) {
                LOG.error("Checkout failed for order {}", order, e);
            }
        }

        private void save(String order) throws SQLTransientConnectionException {
            throw new SQLTransientConnectionException(
                    "HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=42)");
        }

        private void charge(String order) throws SocketTimeoutException {
            throw new SocketTimeoutException("Read timed out (POST https://payments.example.net/v2/charges)");
        }

        private long price(String order, Long discount) {
            return 100L - discount; // the bug: unboxing a null discount
        }
    }
}
