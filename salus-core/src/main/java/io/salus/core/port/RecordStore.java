package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.anchor.AnchorBatch;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.record.DepositSummary;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.RecordId;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Sealed records, deposits and anchor batches (PostgreSQL; ciphertext only). Thread-safe. */
public interface RecordStore {

    /**
     * Stores the deposit's records, the patient identifiers and the outbox message in one transaction. If the author
     * already made a deposit with the same idempotency key, nothing is written and that deposit is returned instead.
     */
    DepositSummary saveDeposit(NewDeposit deposit, OutboxMessage anchorRequest);

    Optional<DepositSummary> findDeposit(AccountId author, String idempotencyKey);

    Optional<StoredRecord> find(RecordId id);

    List<RecordSummary> listByPatient(AccountId patient);

    /** How many of the patient's records of the categories in {@code categoryMask} each author deposited. */
    java.util.Map<AccountId, Integer> authorsOf(AccountId patient, long categoryMask);

    /**
     * Cuts the next batch in one transaction: takes up to {@code maxSize} records not yet in a batch, oldest first, if
     * there are {@code maxSize} of them or the oldest was deposited at or before {@code now - maxDelay}; builds their
     * Merkle tree; stores the batch, each record's leaf index and proof, and an {@code anchor-batch} outbox message;
     * completes the {@code anchor-deposit} messages of deposits now wholly batched. Empty when there is nothing to cut.
     * Safe to call from several threads or nodes at once: a record lands in exactly one batch.
     */
    Optional<AnchorBatch> cutBatch(int maxSize, Duration maxDelay, Instant now);

    /** Records the mined anchor on the batch and completes its outbox message, in one transaction. Idempotent. */
    void markAnchored(AnchorTx tx, long outboxId, Instant now);

    Optional<AnchorBatch> findBatch(Hash32 batchKey);

    List<AnchorBatch> batches(int limit);

    /** Counts for the summary: records per category name, batches, anchored batches, total gas of anchors. */
    Stats stats();

    record Stats(long patients, long records, Map<String, Long> recordsByCategory, long batches,
            long anchoredBatches, long anchoredRecords, long anchorGas) {
    }

    /** Test and recovery support: all record ids of a deposit. */
    List<RecordId> recordsOfDeposit(UUID depositId);
}
