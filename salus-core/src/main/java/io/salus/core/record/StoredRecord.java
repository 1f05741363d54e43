package io.salus.core.record;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import java.util.Optional;

/** A record as the store returns it. The content is only in {@link #sealed}. */
public record StoredRecord(RecordId id, AccountId patient, Category category, String resourceType, String fhirId,
        Provenance provenance, SealedRecord sealed, Hash32 salt, Hash32 contentHash, Hash32 leaf,
        Optional<Anchoring> anchoring) {
}
