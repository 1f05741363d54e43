package io.salus.fhir.deid;

import io.salus.core.merkle.Hash32;
import java.nio.file.Path;
import java.util.Map;

/**
 * A written package: the archive, its size, its SHA-256 and keccak-256 (the latter is what goes on chain at
 * settlement), the number of patients and the resources per type. Immutable.
 */
public record BulkPackage(Path file, long bytes, Hash32 sha256, Hash32 keccak256, int patients,
        Map<String, Long> counts) {
    public BulkPackage {
        counts = Map.copyOf(counts);
    }
}
