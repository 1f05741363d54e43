package io.salus.node.market;

import io.salus.node.http.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Deal records and packages under {@code <data dir>/deals/<deal id>/}, written atomically, owner-only. Callers
 * serialise the steps of one deal (see {@link Deals}).
 */
public final class DealFiles {
    private static final Pattern ID = Pattern.compile("0x[0-9a-f]{64}");
    private final Path root;

    public DealFiles(Path dataDir) {
        this.root = dataDir.resolve("deals");
    }

    Path root() {
        return root;
    }

    Optional<DealRecord> read(String dealId) {
        if (!ID.matcher(dealId).matches()) {
            return Optional.empty();
        }
        Path f = root.resolve(dealId).resolve("deal.json");
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(f.toFile(), DealRecord.class));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    void write(DealRecord d) {
        write(d.dealId(), "deal.json", bytes(d));
    }

    Path packageFile(String dealId) {
        return root.resolve(dealId).resolve("package.salus");
    }

    void write(String dealId, String name, byte[] content) {
        try {
            Path dir = root.resolve(dealId);
            Files.createDirectories(dir);
            Path tmp = dir.resolve(name + ".tmp");
            Files.write(tmp, content);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write deal " + dealId + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(DealRecord d) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(d);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
