package com.example.shop;

/** Application code outside alertmail's packages: the throw sites framework log lines are about. */
public final class OrderController {

    /** A controller method that throws (in a web application: the servlet container logs it). */
    public static RuntimeException place(long id) {
        try {
            throw new RuntimeException("Order " + id + " not found");
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** A scheduled job's failure, caused deeper down. */
    public static RuntimeException nightlyReport() {
        try {
            throw new IllegalStateException("Report store is read-only");
        } catch (IllegalStateException e) {
            return e;
        }
    }

    /** An {@code @Async} method's failure. */
    public static RuntimeException sendReceipt(long id) {
        try {
            throw new java.io.UncheckedIOException(
                    new java.io.IOException("Connection reset by mail relay for receipt " + id));
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** A message listener's failure. */
    public static RuntimeException onOrderMessage(String payload) {
        try {
            Integer.parseInt(payload);
            throw new AssertionError("unreachable");
        } catch (NumberFormatException e) {
            return e;
        }
    }
}
