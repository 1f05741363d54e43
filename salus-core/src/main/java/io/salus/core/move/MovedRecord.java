package io.salus.core.move;

import io.salus.core.merkle.Hash32;
import io.salus.core.record.Category;
import io.salus.core.record.RecordId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One record in a moved bank, opened: its content and salt (so the receiving node re-seals it and recomputes its leaf),
 * when and how it was deposited (not by whom: the receiving node cannot check an author, decision 0036), and its anchoring (the batch key, root, leaf index, proof and the transaction that mined the
 * root), which the receiving node checks against the chain before it keeps anything.
 */
public record MovedRecord(RecordId id, UUID depositId, Category category, String resourceType, Optional<String> fhirId,
        String source, Instant depositedAt, byte[] content, Hash32 salt, Hash32 leaf,
        List<Hash32> readingLeaves, Batch batch, int leafIndex, List<Hash32> proof) {
    public MovedRecord {
        readingLeaves = List.copyOf(readingLeaves);
        proof = List.copyOf(proof);
    }

    /** The anchored batch the record's leaf is in. */
    public record Batch(Hash32 key, Hash32 root, int size, Instant cutAt, String txHash, long blockNumber) {
    }
}
