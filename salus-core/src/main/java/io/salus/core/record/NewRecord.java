package io.salus.core.record;

import io.salus.core.merkle.Hash32;
import java.util.List;

/**
 * A sealed record ready to be stored as part of a deposit. Its salt is only kept sealed under the KEK
 * ({@code sealedSalt}, bound to {@link RecordBinding#saltAssociatedData}); no unsalted or unkeyed hash of its content is
 * kept anywhere. {@code readingLeaves} are the salted leaves of the individually provable readings it carries (a
 * device batch, {@link ReadingLeaves}); empty for any other record.
 */
public record NewRecord(RecordId id, Category category, String resourceType, String fhirId, SealedRecord sealed,
        byte[] sealedSalt, Hash32 leaf, List<Hash32> readingLeaves) {
    public NewRecord {
        readingLeaves = List.copyOf(readingLeaves);
    }

    /** A record without readings. */
    public NewRecord(RecordId id, Category category, String resourceType, String fhirId, SealedRecord sealed,
            byte[] sealedSalt, Hash32 leaf) {
        this(id, category, resourceType, fhirId, sealed, sealedSalt, leaf, List.of());
    }
}
