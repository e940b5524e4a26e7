package dev.alertmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout CONTRIBUTING.md describes (its "Design" section), checked on the compiled classes with the JDK's own {@code jdeps}
 * (the same check by hand: {@code jdeps -verbose:package -filter:none target/classes}).
 */
class ArchitectureTest {

    private static final Pattern EDGE = Pattern.compile("^\\s+(dev\\.alertmail[\\w.]*)\\s+->\\s+([\\w.]+)\\s");
    private static final Map<String, Set<String>> USES = new TreeMap<>();

    @BeforeAll
    static void readDependencies() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int rc = jdeps.run(
                new PrintWriter(out),
                new PrintWriter(out),
                "-verbose:package",
                "-filter:none",
                Paths.get("target/classes").toString());
        assertEquals(0, rc, out.toString());
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find() && !m.group(1).equals(m.group(2))) {
                USES.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        assertTrue(USES.containsKey("dev.alertmail.internal.delivery"), "jdeps saw the classes: " + USES.keySet());
    }

    @Test
    void noCycleBetweenPackages() {
        Map<String, Set<String>> ours = new HashMap<>();
        USES.forEach((from, to) -> ours.put(
                from,
                to.stream()
                        .filter(p -> p.startsWith("dev.alertmail"))
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new))));
        for (String start : ours.keySet()) {
            List<String> cycle = pathBack(ours, start);
            assertTrue(cycle.isEmpty(), "package cycle: " + String.join(" -> ", cycle));
        }
    }

    /** A path from {@code start} back to itself, or empty. */
    private static List<String> pathBack(Map<String, Set<String>> graph, String start) {
        Deque<List<String>> todo = new ArrayDeque<>();
        todo.add(List.of(start));
        Set<String> seen = new TreeSet<>();
        while (!todo.isEmpty()) {
            List<String> path = todo.poll();
            for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(start)) {
                    return longer;
                }
                if (seen.add(next)) {
                    todo.add(longer);
                }
            }
        }
        return List.of();
    }

    @Test
    void theApiUsesNoInternalTypeAndTheCoreNoFramework() {
        USES.forEach((from, to) -> {
            boolean core = from.equals("dev.alertmail") || from.startsWith("dev.alertmail.internal");
            for (String p : to) {
                if (from.equals("dev.alertmail")) {
                    assertTrue(
                            !p.startsWith("dev.alertmail.internal"),
                            "the API package uses " + p + ": the API is interfaces and values only");
                }
                if (core) {
                    for (String framework : List.of(
                            "ch.qos.logback",
                            "org.apache.logging",
                            "org.slf4j",
                            "org.springframework",
                            "io.micrometer",
                            "dev.alertmail.logback",
                            "dev.alertmail.log4j2",
                            "dev.alertmail.spring",
                            "dev.alertmail.micrometer")) {
                        assertTrue(!p.startsWith(framework), from + " (core) uses " + p);
                    }
                }
            }
        });
    }

    /** What a user can call outside {@code internal} names only public types: internals may change in any release. */
    @Test
    void noPublicMemberOutsideInternalNamesAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        Path root = Paths.get("target/classes");
        try (Stream<Path> files = Files.walk(root.resolve("dev/alertmail"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.startsWith("dev.alertmail.internal.") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                if (!isVisible(c)) {
                    continue;
                }
                List<String> signatures = new ArrayList<>();
                signatures.add(String.valueOf(c.getGenericSuperclass()));
                for (Type t : c.getGenericInterfaces()) {
                    signatures.add(t.getTypeName());
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (visible(m.getModifiers()) && !m.isSynthetic()) {
                        signatures.add(m.toGenericString());
                    }
                }
                for (Constructor<?> k : c.getDeclaredConstructors()) {
                    if (visible(k.getModifiers())) {
                        signatures.add(k.toGenericString());
                    }
                }
                for (Field fd : c.getDeclaredFields()) {
                    if (visible(fd.getModifiers())) {
                        signatures.add(fd.toGenericString());
                    }
                }
                signatures.stream()
                        .filter(sig -> sig.contains("dev.alertmail.internal."))
                        .forEach(sig -> leaks.add(name + ": " + sig));
            }
        }
        assertTrue(leaks.isEmpty(), "public signatures name internal types:\n" + String.join("\n", leaks));
    }

    private static boolean isVisible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers()) && !(k != c && Modifier.isProtected(k.getModifiers()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    @Test
    void noSourceFolderHoldsMoreThanTwentyFilesAndEachSaysWhatItIs() throws IOException {
        try (Stream<Path> dirs = Files.walk(Paths.get("src/main/java"))) {
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                long files;
                try (Stream<Path> f = Files.list(dir)) {
                    files = f.filter(Files::isRegularFile).count();
                }
                assertTrue(files <= 20, dir + " holds " + files + " files");
                if (files > 0) {
                    assertNotNull(
                            Files.exists(dir.resolve("package-info.java")) ? dir : null,
                            dir + " has no package-info.java");
                }
            }
        }
    }
}
