package io.salus.core.record;

import io.salus.core.merkle.Hash32;

/** A sealed record ready to be stored as part of a deposit. */
public record NewRecord(RecordId id, Category category, String resourceType, String fhirId, SealedRecord sealed,
        Hash32 salt, Hash32 contentHash, Hash32 leaf) {
}
