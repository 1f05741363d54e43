package io.salus.core.record;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import java.util.Optional;

/**
 * A record as the store returns it. The content is only in {@link #sealed}; the salt of its leaf only in
 * {@code sealedSalt} (sealed under the KEK, bound to {@link RecordBinding#saltAssociatedData}).
 */
public record StoredRecord(RecordId id, AccountId patient, Category category, String resourceType, String fhirId,
        Provenance provenance, SealedRecord sealed, byte[] sealedSalt, Hash32 leaf, Optional<Anchoring> anchoring) {
}
