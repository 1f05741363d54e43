package io.salus.core.usecase;

import io.salus.core.record.RecordSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a depositor gets back: the deposit id, each record with its leaf, and counts per category. Anchoring follows
 * asynchronously; each record's receipt (root, proof, transaction) is available once its batch is mined.
 * {@code replayed} is true when an earlier deposit with the same idempotency key is returned.
 */
public record DepositReceipt(UUID depositId, String patientId, String authorId, Instant depositedAt,
        List<RecordSummary> records, Map<String, Integer> recordsByCategory, int skippedResources,
        boolean replayed) {
    public DepositReceipt {
        records = List.copyOf(records);
        recordsByCategory = Map.copyOf(recordsByCategory);
    }
}
