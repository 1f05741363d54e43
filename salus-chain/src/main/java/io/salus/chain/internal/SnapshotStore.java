package io.salus.chain.internal;

import io.salus.platform.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The node's own snapshots of anvil's state (the gzip bytes of {@code anvil_dumpState}), written atomically as
 * {@code state-<block>-<millis>.json.gz}; the newest {@code kept} stay. Thread-safe.
 */
public final class SnapshotStore {
    private static final Pattern NAME = Pattern.compile("state-(\\d{12})-(\\d+)\\.json\\.gz");
    private final Path dir;
    private final int kept;

    public SnapshotStore(Path dir, int kept) {
        this.dir = dir;
        this.kept = kept;
    }

    /** A stored snapshot: its file and the block the chain was at (at least) when it was taken. */
    public record Snapshot(Path file, long block, long takenAtMillis) {
    }

    /** What a snapshot holds, written to a stream (the gzip bytes of the state dump). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes a snapshot as its content streams in (through a temporary file, fsynced, renamed: never half-written
     * under its name) and deletes all but the newest {@code kept}.
     */
    public synchronized Snapshot write(long block, long nowMillis, Content content) {
        Path file = dir.resolve(String.format("state-%012d-%d.json.gz", block, nowMillis));
        try {
            try (AtomicFiles.Pending pending = AtomicFiles.begin(file)) {
                content.writeTo(pending.out());
                pending.commit();
            }
            List<Snapshot> all = list();
            for (Snapshot old : all.subList(Math.min(kept, all.size()), all.size())) {
                Files.deleteIfExists(old.file());
            }
            return new Snapshot(file, block, nowMillis);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chain snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    /** All snapshots, newest first. */
    public synchronized List<Snapshot> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(SnapshotStore::parse).flatMap(Optional::stream)
                    .sorted(Comparator.comparingLong(Snapshot::block).thenComparingLong(Snapshot::takenAtMillis)
                            .reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a snapshot is complete: its gzip stream and CRC check out (read as a stream, not into memory). */
    public static boolean isComplete(Snapshot s) {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(s.file()), 1 << 16))) {
            return in.transferTo(OutputStream.nullOutputStream()) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Snapshot> parse(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches()
                ? Optional.of(new Snapshot(p, Long.parseLong(m.group(1)), Long.parseLong(m.group(2))))
                : Optional.empty();
    }
}
