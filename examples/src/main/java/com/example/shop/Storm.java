package com.example.shop;

import java.net.SocketTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * A checkout service having a bad day: a database pool runs dry, the payment gateway times out,
 * and (in wave 2) a pricing bug throws, from several request threads at once. It logs through
 * SLF4J, so the same code runs on Logback and on Log4j2.
 */
final class Storm {

    static final int THREADS = 4;

    /** An error the on-call must see now: its incident skips groupWait (alertmail's immediateMarker). */
    static final Marker ALERT_NOW = MarkerFactory.getMarker("ALERT_NOW");
    /** An error that is expected and handled: logged, never alerted on (alertmail's ignoreMarker). */
    static final Marker NO_ALERT = MarkerFactory.getMarker("NO_ALERT");

    private final AtomicLong logged = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();

    /** ERRORs that alert. */
    long logged() {
        return logged.get();
    }

    /** ERRORs marked NO_ALERT. */
    long ignored() {
        return ignored.get();
    }

    /** Each thread: an INFO line as context, then one error from one of three code paths. */
    void wave(int wave, int perThread) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int worker = t;
            Thread thread = new Thread(
                    () -> {
                        CheckoutService checkout = new CheckoutService();
                        for (int i = 0; i < perThread; i++) {
                            String order = "ord-" + worker + "-" + i;
                            MDC.put("orderId", order);
                            MDC.put("requestId", Long.toHexString(order.hashCode() & 0xffffffffL));
                            try {
                                if (checkout.checkout(order, wave, i)) {
                                    logged.incrementAndGet();
                                } else {
                                    ignored.incrementAndGet();
                                }
                            } finally {
                                MDC.clear();
                            }
                        }
                    },
                    "http-nio-8080-exec-" + (t + 1));
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

        /** @return true when the error logged alerts, false for an expected one marked NO_ALERT */
        boolean checkout(String order, int wave, int i) {
            LOG.info("Checkout started for {} (card={})", order, "4111111111111111");
            if (i % 10 == 9) {
                LOG.error(NO_ALERT, "Card declined for order {}: insufficient funds (the customer was told)", order);
                return false;
            }
            try {
                if (wave == 1 && i == 0) {
                    throw new IllegalStateException("payment provider certificate expired");
                } else if (wave == 1 && i % 4 == 0) {
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
            } catch (IllegalStateException e) {
                PAY.error(ALERT_NOW, "Payments are down for everyone", e); // wake someone up now
            } catch (RuntimeException e) {
                LOG.error("Checkout failed for order {}", order, e);
            }
            return true;
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
