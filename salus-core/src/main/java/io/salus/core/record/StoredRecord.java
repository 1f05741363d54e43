package io.salus.core.record;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import java.util.List;
import java.util.Optional;

/**
 * A record as the store returns it. The content is only in {@link #sealed}; the salt of its leaf only in
 * {@code sealedSalt} (sealed under the KEK, bound to {@link RecordBinding#saltAssociatedData}). {@code readingLeaves}
 * are the salted leaves of the readings a device batch record carries ({@link ReadingLeaves}); empty for other records.
 */
public record StoredRecord(RecordId id, AccountId patient, Category category, String resourceType, String fhirId,
        Provenance provenance, SealedRecord sealed, byte[] sealedSalt, Hash32 leaf, Optional<Anchoring> anchoring,
        List<Hash32> readingLeaves) {
    public StoredRecord {
        readingLeaves = List.copyOf(readingLeaves);
    }

    /** A record without readings. */
    public StoredRecord(RecordId id, AccountId patient, Category category, String resourceType, String fhirId,
            Provenance provenance, SealedRecord sealed, byte[] sealedSalt, Hash32 leaf,
            Optional<Anchoring> anchoring) {
        this(id, patient, category, resourceType, fhirId, provenance, sealed, sealedSalt, leaf, anchoring, List.of());
    }
}
