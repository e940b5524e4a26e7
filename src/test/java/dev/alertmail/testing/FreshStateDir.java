package dev.alertmail.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test (auto-detected): each test class and each test gets a
 * {@code java.io.tmpdir} of its own, so the journals engines keep by default
 * ({@code <java.io.tmpdir>/alertmail}) are never adopted by another test. A test killed midway
 * leaves pending incidents behind; the next test must not mail them.
 */
public final class FreshStateDir implements BeforeAllCallback, BeforeEachCallback {

    private static final AtomicInteger N = new AtomicInteger();
    private static final Path ROOT = Path.of(
            "target", "test-state", Long.toString(ProcessHandle.current().pid()));

    @Override
    public void beforeAll(ExtensionContext context) {
        fresh();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        fresh();
    }

    private static void fresh() {
        Path dir = ROOT.resolve(Integer.toString(N.incrementAndGet())).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("java.io.tmpdir", dir.toString());
    }
}
