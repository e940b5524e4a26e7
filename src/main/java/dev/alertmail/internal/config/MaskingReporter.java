package dev.alertmail.internal.config;

/** Last line of defence: whatever a status message says, the secret is not in it. */
public final class MaskingReporter implements StatusReporter {

    private final StatusReporter delegate;
    private final String secret;

    public MaskingReporter(StatusReporter delegate, String secret) {
        this.delegate = delegate;
        this.secret = secret.length() < 4 ? "" : secret;
    }

    private String mask(String m) {
        return secret.isEmpty() ? m : m.replace(secret, "****");
    }

    @Override
    public void info(String message) {
        delegate.info(mask(message));
    }

    @Override
    public void warn(String message) {
        delegate.warn(mask(message));
    }

    @Override
    public void error(String message) {
        delegate.error(mask(message));
    }
}
