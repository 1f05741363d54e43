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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Sealed records, deposits and anchor batches (PostgreSQL; ciphertext only: clinical values the store keeps beside the
 * records, such as FHIR ids and cohort features, are sealed under the KEK, and look-up values such as patient
 * identifiers and idempotency keys are kept only as keyed blind indexes). Thread-safe.
 */
public interface RecordStore {

    /**
     * Stores the deposit's records, the patient identifiers and the outbox message atomically. If the author already
     * made a deposit with the same idempotency key, nothing is written and that deposit is returned instead.
     *
     * @throws io.salus.core.record.PatientKeyChanged
     *             when the deposit was sealed to a key that is no longer the patient's; nothing is written
     * @throws io.salus.core.record.ForeignPatientIdentifiers
     *             when the deposit carries patient identifiers, the patient's earlier deposits carried some, and none
     *             is among these ({@link #matchIdentifiers} would answer {@code NONE_SHARED}); nothing is written
     */
    DepositSummary saveDeposit(NewDeposit deposit, OutboxMessage anchorRequest);

    Optional<DepositSummary> findDeposit(AccountId author, String idempotencyKey);

    /**
     * Whether any of {@code identifiers} ({@code system|value}) was carried by an earlier deposit of the patient. The
     * store keeps identifiers only as keyed blind indexes, so this is the only question it can answer about them.
     */
    IdentifierMatch matchIdentifiers(AccountId patient, Set<String> identifiers);

    /** The answer of {@link #matchIdentifiers}. */
    enum IdentifierMatch {
        /** The patient's earlier deposits carried no identifier. */
        NONE_KNOWN,
        /** At least one of the identifiers was carried by an earlier deposit. */
        SHARED,
        /** Earlier deposits carried identifiers, none of these. */
        NONE_SHARED
    }

    Optional<StoredRecord> find(RecordId id);

    /**
     * The records with these ids, in the order asked, in one read (a deal's delivery reads each member's records this
     * way); ids without a record (erased) are left out.
     */
    List<StoredRecord> findAll(List<RecordId> ids);

    List<RecordSummary> listByPatient(AccountId patient);

    /**
     * The record lists of each of the patients in one read, each as {@link #listByPatient} returns it; every patient
     * asked is a key, one without records with an empty list.
     */
    Map<AccountId, List<RecordSummary>> listByPatients(Collection<AccountId> patients);

    /** How many of the patient's records of the categories in {@code categoryMask} each author deposited. */
    java.util.Map<AccountId, Integer> authorsOf(AccountId patient, long categoryMask);

    /**
     * {@link #authorsOf} for each of the patients in one read; every patient asked is a key, one without such records
     * with an empty map.
     */
    Map<AccountId, Map<AccountId, Integer>> authorsOfAll(Collection<AccountId> patients, long categoryMask);

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
