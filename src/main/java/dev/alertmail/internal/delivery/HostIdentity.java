package dev.alertmail.internal.delivery;

import dev.alertmail.internal.config.AlertConfig;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * This machine's names, looked up once (on the sender thread, never the logging thread; a DNS
 * stall must not delay an alert twice): {@code localhost}, the HELO/EHLO name and Message-ID
 * domain, and {@code host}, shown in every email.
 */
public final class HostIdentity {

    private final @Nullable String configuredLocalhost;
    private final @Nullable String configuredHost;
    private final @Nullable String hostnameEnv;
    private @Nullable String localhost;
    private @Nullable String host;

    public HostIdentity(AlertConfig c, @Nullable String hostnameEnv) {
        this.configuredLocalhost = c.localhost;
        this.configuredHost = c.host;
        this.hostnameEnv = hostnameEnv;
    }

    public synchronized String localhost() {
        if (localhost == null) {
            localhost = configuredLocalhost != null ? configuredLocalhost : lookUp(true);
        }
        return localhost;
    }

    public synchronized String host() {
        if (host == null) {
            host = configuredHost != null ? configuredHost
                    : hostnameEnv != null && !hostnameEnv.isBlank() ? hostnameEnv.trim() : lookUp(false);
        }
        return host;
    }

    private static String lookUp(boolean canonical) {
        try {
            InetAddress local = InetAddress.getLocalHost();
            String name = canonical ? local.getCanonicalHostName() : local.getHostName();
            return name == null || name.isBlank() ? "localhost" : name;
        } catch (Exception e) {
            return "localhost";
        }
    }
}
