package dev.alertmail;

import java.util.List;

/**
 * Decides which stack frames belong to the application rather than to the JDK or a framework.
 * Used for fingerprints (the first in-app frames of the root cause) and for highlighting.
 */
public final class InAppFrames {

    /** Packages that are never "the application" when no {@code inAppPackages} are configured. */
    static final List<String> FRAMEWORK_PREFIXES = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
            "org.springframework.", "org.apache.", "org.eclipse.", "org.hibernate.", "org.jboss.",
            "io.netty.", "io.micrometer.", "io.undertow.", "reactor.", "io.reactivex.",
            "ch.qos.logback.", "org.slf4j.", "com.zaxxer.", "com.fasterxml.", "com.google.",
            "kotlin.", "kotlinx.", "scala.", "groovy.", "org.codehaus.groovy.",
            "org.junit.", "junit.", "org.mockito.", "net.bytebuddy.", "com.github.benmanes.caffeine.",
            "org.glassfish.", "io.grpc.", "okhttp3.", "retrofit2.", "feign.");

    private final String[] include;
    /** Class name → decision; stack frames repeat, prefix scans need not. Bounded by clearing. */
    private final java.util.concurrent.ConcurrentHashMap<String, Boolean> decided = new java.util.concurrent.ConcurrentHashMap<>();

    private InAppFrames(List<String> include) {
        this.include = include.toArray(new String[0]);
    }

    /** @param inAppPackages prefixes of the application's packages; empty means "everything not a framework" */
    public static InAppFrames of(List<String> inAppPackages) {
        return new InAppFrames(inAppPackages);
    }

    public boolean isInApp(String className) {
        Boolean known = decided.get(className);
        if (known != null) {
            return known;
        }
        boolean inApp = decide(className);
        if (decided.size() >= 8_192) {
            decided.clear();
        }
        decided.put(className, inApp);
        return inApp;
    }

    private boolean decide(String className) {
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
