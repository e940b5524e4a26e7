package dev.alertmail.internal.capture;

import dev.alertmail.internal.text.Hashing;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What alertmail needs to know about a class name in a stack trace, decided once per name: does
 * it belong to the application (fingerprints, highlighting), and its stable 64-bit hash with
 * per-JVM generated parts removed ({@code $$EnhancerBySpringCGLIB$$1f2e}, {@code $ByteBuddy$…},
 * {@code $HibernateProxy$…}, {@code $MockitoMock$…}, {@code $Proxy12}, {@code $$Lambda/0x…}), so
 * replicas and restarts compute the same fingerprint.
 */
public final class FrameClassifier {

    /** Packages that are never "the application" when no {@code inAppPackages} are configured. */
    static final List<String> FRAMEWORK_PREFIXES = List.of(
            "java.",
            "javax.",
            "jdk.",
            "sun.",
            "com.sun.",
            "jakarta.",
            "org.springframework.",
            "org.apache.",
            "org.eclipse.",
            "org.hibernate.",
            "org.jboss.",
            "io.netty.",
            "io.micrometer.",
            "io.undertow.",
            "reactor.",
            "io.reactivex.",
            "ch.qos.logback.",
            "org.slf4j.",
            "com.zaxxer.",
            "com.fasterxml.",
            "com.google.",
            "kotlin.",
            "kotlinx.",
            "scala.",
            "groovy.",
            "org.codehaus.groovy.",
            "org.junit.",
            "junit.",
            "org.mockito.",
            "net.bytebuddy.",
            "com.github.benmanes.caffeine.",
            "org.glassfish.",
            "io.grpc.",
            "okhttp3.",
            "retrofit2.",
            "feign.");

    /** Where a generated suffix starts; everything from there on differs between JVMs. */
    private static final Pattern GENERATED = Pattern.compile(
            "\\$\\$.*|\\$(?:ByteBuddy|HibernateProxy|MockitoMock)\\$.*|(?<=\\$Proxy)\\d+$|/0x[0-9a-fA-F]+$");
    /** Names repeat, decisions need not: bounded by starting over (generated names are unbounded). */
    private static final int MAX_CACHED = 8_192;

    /** The decision for one class name. */
    record Info(boolean inApp, long hash) {}

    private final String[] include;
    private final ConcurrentHashMap<String, Info> cache = new ConcurrentHashMap<>();

    public FrameClassifier(List<String> inAppPackages) {
        this.include = inAppPackages.toArray(new String[0]);
    }

    Info of(String className) {
        Info known = cache.get(className);
        if (known == null) {
            known = new Info(decideInApp(className), Hashing.fnv64(normalise(className)));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(className, known);
        }
        return known;
    }

    boolean isInApp(String className) {
        return of(className).inApp();
    }

    public static String normalise(String className) {
        return className.indexOf('$') < 0 && className.indexOf('/') < 0
                ? className
                : GENERATED.matcher(className).replaceFirst("");
    }

    private boolean decideInApp(String className) {
        if (include.length > 0) {
            for (String p : include) {
                if (className.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }
        for (String p : FRAMEWORK_PREFIXES) {
            if (className.startsWith(p)) {
                return false;
            }
        }
        return true;
    }
}
