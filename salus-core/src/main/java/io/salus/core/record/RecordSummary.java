package io.salus.core.record;

import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.UUID;

/** Listing view of a record (no content). {@code anchored} is true once its batch root is mined. */
public record RecordSummary(RecordId id, Category category, String resourceType, String fhirId, UUID depositId,
        Instant depositedAt, Hash32 leaf, boolean anchored) {
}
