package io.salus.core.record;

import io.salus.core.merkle.Hash32;

/**
 * A sealed record ready to be stored as part of a deposit. Its salt is only kept sealed under the KEK
 * ({@code sealedSalt}, bound to {@link RecordBinding#saltAssociatedData}); no unsalted or unkeyed hash of its content is
 * kept anywhere.
 */
public record NewRecord(RecordId id, Category category, String resourceType, String fhirId, SealedRecord sealed,
        byte[] sealedSalt, Hash32 leaf) {
}
