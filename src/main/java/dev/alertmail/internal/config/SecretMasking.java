package dev.alertmail.internal.config;

import dev.alertmail.internal.text.Hashing;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * How a configuration record is shown and compared without its secrets: a component named like a
 * {@link Setting#isSecret() secret setting} ({@code apiKey}, {@code password}, {@code redisUri}) is
 * never printed as text. The one place masking by name is decided.
 */
public final class SecretMasking {

    private SecretMasking() {}

    /** True for a component or property that holds a secret. */
    public static boolean isSecret(String name) {
        Setting s = Setting.byProperty(name);
        return s != null && s.isSecret();
    }

    /**
     * {@code Name{a=1, password=****, …}}: every component, a secret string as {@code ****}; a
     * secret of another type ({@link RedisUri}) by its own {@code toString}, which leaves the secret out.
     */
    public static String describe(Record r) {
        StringJoiner out = new StringJoiner(", ", r.getClass().getSimpleName() + "{", "}");
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            @Nullable Object v = value(r, c);
            String shown = !isSecret(c.getName()) || (v != null && !(v instanceof CharSequence))
                    ? String.valueOf(v)
                    : v == null ? "<unset>" : v.toString().isEmpty() ? "<none>" : "****";
            out.add(c.getName() + "=" + shown);
        }
        return out.toString();
    }

    /** A component's value as it takes part in an identity: a secret by its hash. */
    static String identityOf(String name, @Nullable Object v) {
        if (v instanceof RedisUri u) {
            return Hashing.sha256Hex(u + "|" + u.user + "|" + u.password);
        }
        return isSecret(name) ? Hashing.sha256Hex(String.valueOf(v)) : String.valueOf(v);
    }

    static @Nullable Object value(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(
                    "cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }
}
