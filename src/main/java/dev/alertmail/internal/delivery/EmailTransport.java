package dev.alertmail.internal.delivery;

import org.jspecify.annotations.Nullable;

/**
 * The seam between the engine and the network: send one email's MIME bytes, say how it went.
 * The SMTP implementation is {@link SmtpTransport}; tests of planning and retrying use a fake.
 */
public interface EmailTransport {

    /**
     * One attempt. Never throws.
     *
     * @param timeoutCapMillis no socket timeout may be longer than this ({@code Long.MAX_VALUE}: the configured ones)
     */
    SendResult send(byte[] mime, long timeoutCapMillis);

    /** Connects, secures and authenticates, then disconnects: a configuration check. */
    @Nullable
    String check();
}
