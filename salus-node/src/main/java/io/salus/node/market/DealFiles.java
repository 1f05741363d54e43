package io.salus.node.market;

import io.salus.node.http.Json;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            AtomicFiles.write(root.resolve(dealId).resolve(name), content);
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
