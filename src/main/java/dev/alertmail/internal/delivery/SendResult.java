package dev.alertmail.internal.delivery;

/** How one attempt to send an email went. {@code detail} is the server's reply or the cause, never a secret. */
public record SendResult(Outcome outcome, String detail) {

    public enum Outcome {
        /** Accepted. */
        SENT,
        /** Refused because another replica already sent this alert under the same key. */
        DEDUPLICATED,
        /** Transient: try again later with the same bytes and key. */
        RETRY,
        /** Permanent: retrying cannot help. */
        FAILED,
        /** The account's daily sending quota is used up: nothing is sent before it resets (midnight UTC). */
        QUOTA
    }

    public static SendResult sent() {
        return new SendResult(Outcome.SENT, "250");
    }

    public static SendResult retry(String detail) {
        return new SendResult(Outcome.RETRY, detail);
    }

    public static SendResult failed(String detail) {
        return new SendResult(Outcome.FAILED, detail);
    }

    public static SendResult quota(String detail) {
        return new SendResult(Outcome.QUOTA, detail);
    }

    public static SendResult deduplicated(String detail) {
        return new SendResult(Outcome.DEDUPLICATED, detail);
    }
}
