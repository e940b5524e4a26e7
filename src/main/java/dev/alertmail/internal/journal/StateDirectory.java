package dev.alertmail.internal.journal;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.delivery.EmailLedger;
import dev.alertmail.internal.text.Hashing;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One fleet identity's directory under {@code stateDir}: a journal and a lock file per process.
 * A journal is "live" while its lock file is locked; a process holds its own lock for its whole
 * life, and the OS drops it when the process dies, however it dies.
 */
final class StateDirectory {

    /**
     * Lock files this JVM holds (its engines' own, and those being adopted). Never opened a second
     * time here: on Linux, closing any channel on a file drops every lock the JVM holds on it.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    static final String JOURNAL = ".journal";
    static final String LOCK = ".lock";
    /** A lock file without a journal this old is left over from a life that died before its first write. */
    private static final long STALE_LOCK_MILLIS = 60_000;

    /** A journal claimed by this process: its lock is held until {@link #release}. */
    record Claim(Path journal, Path lockFile, FileChannel channel, FileLock lock) {}

    final Path dir;
    final Path journal;
    private @Nullable Claim own;

    StateDirectory(Path root, AlertConfig c, String id) {
        this.dir = root.resolve(name(c));
        this.journal = dir.resolve(id + JOURNAL);
    }

    /** {@code checkout-1f2e3d4c5b6a7988}: readable, and one per prefix, environment, application and audience. */
    static String name(AlertConfig c) {
        String hash = Hashing.sha256Hex(String.join(
                        "\n", c.idempotencyKeyPrefix(), c.environment(), c.application(), EmailLedger.audience(c)))
                .substring(0, 16);
        String app = c.application().replaceAll("[^A-Za-z0-9._-]", "-");
        return (app.isEmpty() ? "alertmail" : app.substring(0, Math.min(40, app.length()))) + "-" + hash;
    }

    /** Creates the directory and takes this process's lock. */
    void open() throws IOException {
        Files.createDirectories(dir);
        Claim c = claim(journal);
        if (c == null) {
            throw new IOException("could not lock " + lockOf(journal));
        }
        own = c;
    }

    /** Atomically replaces this process's journal (a reader sees the old file or the new one, never half). */
    void write(byte[] bytes) throws IOException {
        Path tmp = dir.resolve(journal.getFileName() + ".tmp"); // release() knows this name
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, journal, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The other processes' journals, and the stale lock files of lives that never wrote one (deleted). */
    List<Path> others() throws IOException {
        List<Path> journals = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.endsWith(JOURNAL) && !p.equals(journal)) {
                    journals.add(p);
                } else if (n.endsWith(LOCK) && !Files.exists(journalOf(p)) && isOld(p)) {
                    Claim stale = claim(journalOf(p));
                    if (stale != null) {
                        release(stale, true);
                    }
                }
            }
        }
        journals.sort(null);
        return journals;
    }

    /** Locks a journal's lock file; {@code null} when a live process (this one included) holds it. */
    @Nullable
    Claim claim(Path journalFile) throws IOException {
        Path lockFile = lockOf(journalFile);
        if (!HELD.add(lockFile)) {
            return null;
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock != null) {
                return new Claim(journalFile, lockFile, ch, lock);
            }
            ch.close();
            HELD.remove(lockFile);
            return null;
        } catch (java.nio.channels.OverlappingFileLockException heldHere) {
            // This JVM holds it, through another class loader's engine (a dev-tools restart): closing this
            // channel would drop that lock, so it stays open; it is live, not adoptable.
            HELD.remove(lockFile);
            return null;
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            HELD.remove(lockFile);
            throw e;
        }
    }

    /** Unlocks; with {@code delete}, the journal and its lock file go first (deleted while still locked). */
    static void release(Claim c, boolean delete) throws IOException {
        try {
            if (delete) {
                Files.deleteIfExists(c.journal().resolveSibling(c.journal().getFileName() + ".tmp")); // died writing
                Files.deleteIfExists(c.journal());
                Files.deleteIfExists(c.lockFile());
            }
        } finally {
            try {
                c.channel().close(); // releases the lock
            } finally {
                HELD.remove(c.lockFile());
            }
        }
    }

    /** A damaged journal is renamed, kept for a human to look at, and never read again. */
    static Path setAside(Path journalFile, long now) throws IOException {
        Path aside = journalFile.resolveSibling(journalFile.getFileName() + ".bad-" + now);
        Files.move(journalFile, aside, StandardCopyOption.REPLACE_EXISTING);
        return aside;
    }

    /** Gives up this process's lock; its journal stays for the next life to adopt. */
    void close() throws IOException {
        Claim c = own;
        own = null;
        if (c != null) {
            release(c, false);
        }
    }

    private static Path lockOf(Path journalFile) {
        String n = journalFile.getFileName().toString();
        return journalFile.resolveSibling(n.substring(0, n.length() - JOURNAL.length()) + LOCK);
    }

    private static Path journalOf(Path lockFile) {
        String n = lockFile.getFileName().toString();
        return lockFile.resolveSibling(n.substring(0, n.length() - LOCK.length()) + JOURNAL);
    }

    private static boolean isOld(Path p) {
        try {
            return System.currentTimeMillis() - Files.getLastModifiedTime(p).toMillis() > STALE_LOCK_MILLIS;
        } catch (IOException e) {
            return false;
        }
    }
}
