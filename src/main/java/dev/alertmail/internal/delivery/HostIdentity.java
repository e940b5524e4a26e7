package dev.alertmail.internal.delivery;

import dev.alertmail.internal.config.AlertConfig;
import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * This machine's names: {@code localhost}, the HELO/EHLO name and Message-ID domain, and
 * {@code host}, shown in every email. What is not configured is looked up once, at start, on the
 * sender thread ({@link #lookUp}), outside every lock. The getters never wait: until the lookup
 * has finished they answer {@value #FALLBACK}, so a stop whose deadline comes before DNS answers
 * still builds and sends its email (a DNS stall must not cost the crash alert of an application
 * that fails at start), and no lock (the outbox's, the JVM-wide key ledger's) is ever held
 * while DNS is slow.
 */
public final class HostIdentity {

    /** A name that needs no lookup, for whatever is not known yet. */
    static final String FALLBACK = "localhost";

    /** How this machine's name is found: the canonical name (reverse DNS) for EHLO, else the host name. */
    public interface Resolver {
        String name(boolean canonical) throws Exception;
    }

    /** The JDK's lookup; either call may wait on DNS for seconds. */
    public static final Resolver DNS = canonical -> {
        InetAddress local = InetAddress.getLocalHost();
        return canonical ? local.getCanonicalHostName() : local.getHostName();
    };

    private final Resolver resolver;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    /** Configured, or looked up; {@code null} until known. */
    private volatile @Nullable String localhost;

    private volatile @Nullable String host;

    public HostIdentity(AlertConfig c, @Nullable String hostnameEnv) {
        this(c, hostnameEnv, DNS);
    }

    /** With another lookup than the JDK's (tests: a slow DNS). */
    public HostIdentity(AlertConfig c, @Nullable String hostnameEnv, Resolver resolver) {
        this.resolver = resolver;
        this.localhost = c.localhost();
        this.host =
                c.host() != null ? c.host() : hostnameEnv != null && !hostnameEnv.isBlank() ? hostnameEnv.trim() : null;
    }

    /** Sender thread, once at start: looks up what is not configured. Holds no lock while DNS answers. */
    public void lookUp() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        try {
            if (localhost == null) {
                localhost = resolve(true);
            }
            if (host == null) {
                host = resolve(false);
            }
        } finally {
            done.countDown();
        }
    }

    /**
     * Waits at most {@code nanos} for the start-up lookup to finish; the stopping thread calls it
     * before taking any lock, with a bound well inside its deadline.
     *
     * @return whether the names are known now
     */
    public boolean awaitLookup(long nanos) {
        if (localhost != null && host != null) {
            return true;
        }
        try {
            return done.await(Math.max(0, nanos), TimeUnit.NANOSECONDS) || localhost != null && host != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The EHLO name and Message-ID domain; {@value #FALLBACK} while the lookup has not finished. Never waits. */
    public String localhost() {
        String l = localhost;
        return l != null ? l : FALLBACK;
    }

    /** The host shown in emails; {@value #FALLBACK} while the lookup has not finished. Never waits. */
    public String host() {
        String h = host;
        return h != null ? h : FALLBACK;
    }

    private String resolve(boolean canonical) {
        try {
            String name = resolver.name(canonical);
            return name == null || name.isBlank() ? FALLBACK : name;
        } catch (Exception e) {
            return FALLBACK;
        }
    }
}
