package dev.alertmail.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a fleet keeps its shared state: {@code redis://[[user]:password@]host[:port][/db]}, or
 * {@code rediss://} for TLS. The password is a secret: {@link #toString} never shows it.
 */
public final class RedisUri {

    public final boolean tls;
    public final String host;
    public final int port;
    public final @Nullable String user;
    public final @Nullable String password;
    public final int database;

    private RedisUri(
            boolean tls, String host, int port, @Nullable String user, @Nullable String password, int database) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    /** @throws IllegalArgumentException in words that never repeat the password */
    public static RedisUri parse(String text) {
        URI u;
        try {
            u = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "is not a URI: use redis://[[user]:password@]host[:port][/db] or rediss://…");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException(
                    "scheme must be redis:// or rediss:// (TLS), was '" + (scheme.isEmpty() ? "none" : scheme) + "'");
        }
        String host = u.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("has no host: use redis://host:6379");
        }
        String user = null;
        String password = null;
        String info = u.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String rawUser = colon < 0 ? "" : info.substring(0, colon);
            String rawPassword = colon < 0 ? info : info.substring(colon + 1);
            user = rawUser.isEmpty() ? null : percentDecode(rawUser);
            password = rawPassword.isEmpty() ? null : percentDecode(rawPassword);
        }
        int db = 0;
        String path = u.getPath() == null ? "" : u.getPath();
        if (path.length() > 1) {
            try {
                db = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("database must be a number: redis://host:6379/0");
            }
        }
        return new RedisUri(scheme.equals("rediss"), host, u.getPort() < 0 ? 6379 : u.getPort(), user, password, db);
    }

    /** The address for status lines: scheme, host, port and database, never credentials. */
    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + (password != null || user != null ? "****@" : "") + host + ":" + port
                + (database == 0 ? "" : "/" + database);
    }

    /** {@code %XX} escapes only: a URI's user info keeps {@code +} as it is (URLDecoder would make it a space). */
    private static String percentDecode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
