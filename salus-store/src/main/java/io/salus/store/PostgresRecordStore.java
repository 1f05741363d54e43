package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.anchor.AnchorBatch;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.KeyManager;
import io.salus.core.port.RecordStore;
import io.salus.core.record.DepositSummary;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.ForeignPatientIdentifiers;
import io.salus.core.record.PatientKeyChanged;
import io.salus.core.record.Provenance;
import io.salus.core.record.RecordId;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import io.salus.store.internal.AtRest;
import io.salus.store.internal.BatchCutter;
import io.salus.store.internal.OutboxRows;
import io.salus.store.internal.DepositWrite;
import io.salus.store.internal.RecordRows;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Sealed records, deposits and anchor batches in PostgreSQL. Instants are kept to the microsecond. Outbox messages
 * written with deposits are stamped with the injected clock. Nothing clinical is written in clear: FHIR ids and cohort
 * features are sealed under the KEK through {@code keys}, patient identifiers and idempotency keys are kept as keyed
 * blind indexes ({@link AtRest}), record salts arrive sealed. Thread-safe; {@link #cutBatch} is safe across threads
 * and nodes sharing the database.
 */
public final class PostgresRecordStore implements RecordStore {
    private final Transactions tx;
    private final Clock clock;
    private final KeyManager keys;

    public PostgresRecordStore(Jdbi jdbi, Clock clock, KeyManager keys) {
        this.tx = new Transactions(jdbi);
        this.clock = clock;
        this.keys = keys;
    }

    @Override
    public DepositSummary saveDeposit(NewDeposit deposit, OutboxMessage anchorRequest) {
        // one statement, atomic on its own: no transaction to begin and commit around it (decision 0042)
        return tx.inStatement("save deposit " + deposit.provenance().depositId(), h -> insertDeposit(h, keys,
                deposit, anchorRequest, clock.instant()));
    }

    /**
     * Writes a deposit with one statement ({@link DepositWrite}), inside the caller's transaction if there is one (the
     * one way deposits are written: by this store, and by the device store with an accepted batch): the deposit row,
     * or the earlier deposit of the same author and idempotency key; its records, the patient's identifiers
     * (blind-indexed), cohort features and facts (sealed), and the anchoring outbox message.
     *
     * @throws PatientKeyChanged
     *             when the deposit was sealed to a key that is no longer the patient's (nothing written)
     * @throws ForeignPatientIdentifiers
     *             when the patient's earlier deposits carried identifiers and none of this deposit's (nothing written)
     */
    static DepositSummary insertDeposit(Handle h, KeyManager keys, NewDeposit deposit, OutboxMessage anchorRequest,
            Instant now) {
        Provenance p = deposit.provenance();
        return switch (DepositWrite.write(h, keys, deposit, anchorRequest, now)) {
            case WRITTEN -> written(deposit);
            case KEY_CHANGED -> throw deposit.sealedToKeyHash().isPresent()
                    ? new PatientKeyChanged("the patient's key changed while the deposit was being sealed")
                    : new SalusException("no account " + deposit.patient() + " to deposit for");
            case FOREIGN_IDENTIFIERS -> throw new ForeignPatientIdentifiers(
                    "the bundle's Patient shares no identifier with the patient's earlier deposits");
            case KEY_TAKEN -> RecordRows.deposit(h, keys, "author = :a AND idempotency_key = :k", "a",
                    p.author().value(), "k", AtRest.idempotencyIndex(keys, p.author(), deposit.idempotencyKey()
                            .orElseThrow(() -> new SalusException("a deposit without a key was not written"))))
                    .orElseThrow(() -> new SalusException("idempotency conflict without a deposit"));
        };
    }

    /**
     * The summary of a deposit just written, from what was written (what reading it back would return: the records
     * in deposit order, none anchored yet, the time to the microsecond as stored), without reading it back.
     */
    private static DepositSummary written(NewDeposit deposit) {
        Provenance p = deposit.provenance();
        Instant at = Sql.micros(p.depositedAt());
        List<RecordSummary> records = deposit.records().stream().map(r -> new RecordSummary(r.id(), r.category(),
                r.resourceType(), r.fhirId(), p.depositId(), at, r.leaf(), false)).toList();
        return new DepositSummary(p.depositId(), deposit.patient(), p.author(), at, deposit.requestHash(), records);
    }

    @Override
    public IdentifierMatch matchIdentifiers(AccountId patient, Set<String> identifiers) {
        List<byte[]> known = tx.inTransaction("match patient identifiers", h -> h.createQuery(
                "SELECT blind_index FROM patient_identifier_index WHERE patient = :patient")
                .bind("patient", patient.value())
                .mapTo(byte[].class)
                .list());
        if (known.isEmpty()) {
            return IdentifierMatch.NONE_KNOWN;
        }
        Set<Hash32> asked = new HashSet<>();
        for (byte[] index : DepositWrite.identifierIndexes(keys, patient, identifiers)) {
            asked.add(Hash32.of(index));
        }
        return known.stream().map(Hash32::of).anyMatch(asked::contains)
                ? IdentifierMatch.SHARED
                : IdentifierMatch.NONE_SHARED;
    }

    @Override
    public Optional<DepositSummary> findDeposit(AccountId author, String idempotencyKey) {
        return tx.inTransaction("find deposit", h -> RecordRows.deposit(h, keys,
                "author = :a AND idempotency_key = :k", "a", author.value(), "k",
                AtRest.idempotencyIndex(keys, author, idempotencyKey)));
    }

    @Override
    public Optional<StoredRecord> find(RecordId id) {
        return tx.inTransaction("find record", h -> h.createQuery(RecordRows.STORED + " WHERE r.id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> RecordRows.stored(rs, keys))
                .findOne());
    }

    @Override
    public List<StoredRecord> findAll(List<RecordId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<RecordId, StoredRecord> found = new HashMap<>();
        tx.inTransaction("find records", h -> h.createQuery(RecordRows.STORED + " WHERE r.id = ANY(:ids)")
                .bind("ids", ids.stream().map(RecordId::value).toArray(UUID[]::new))
                .map((rs, ctx) -> RecordRows.stored(rs, keys))
                .list()).forEach(r -> found.put(r.id(), r));
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public List<RecordSummary> listByPatient(AccountId patient) {
        return tx.inTransaction("list records", h -> h.createQuery(RecordRows.SUMMARY
                + " WHERE r.patient = :patient ORDER BY r.seq")
                .bind("patient", patient.value())
                .map((rs, ctx) -> RecordRows.summary(rs, keys))
                .list());
    }

    @Override
    public Map<AccountId, List<RecordSummary>> listByPatients(Collection<AccountId> patients) {
        Map<AccountId, List<RecordSummary>> out = new HashMap<>();
        patients.forEach(p -> out.put(p, new java.util.ArrayList<>()));
        if (patients.isEmpty()) {
            return out;
        }
        tx.inTransaction("list the records of patients", h -> {
            h.createQuery(RecordRows.SUMMARY_OF_PATIENT + " WHERE r.patient = ANY(:patients) ORDER BY r.patient, r.seq")
                    .bind("patients", patients.stream().map(AccountId::value).distinct().toArray(UUID[]::new))
                    .map((rs, ctx) -> Map.entry(new AccountId(Sql.uuid(rs, "patient")), RecordRows.summary(rs, keys)))
                    .forEach(e -> out.get(e.getKey()).add(e.getValue()));
            return null;
        });
        return out;
    }

    @Override
    public Map<AccountId, Map<AccountId, Integer>> authorsOfAll(Collection<AccountId> patients, long categoryMask) {
        Map<AccountId, Map<AccountId, Integer>> out = new HashMap<>();
        patients.forEach(p -> out.put(p, new HashMap<>()));
        if (patients.isEmpty()) {
            return out;
        }
        List<String> categories = java.util.Arrays.stream(io.salus.core.record.Category.values())
                .filter(c -> (categoryMask & c.mask()) != 0).map(Enum::name).toList();
        tx.inTransaction("count patients' records by author", h -> {
            h.createQuery("""
                    SELECT r.patient, d.author, count(*) AS n FROM sealed_record r JOIN deposit d ON d.id = r.deposit_id
                     WHERE r.patient = ANY(:patients) AND r.category = ANY(:categories) GROUP BY r.patient, d.author""")
                    .bind("patients", patients.stream().map(AccountId::value).distinct().toArray(UUID[]::new))
                    .bind("categories", Sql.textArray(categories))
                    .map((rs, ctx) -> Map.entry(new AccountId(Sql.uuid(rs, "patient")),
                            Map.entry(new AccountId(Sql.uuid(rs, "author")), rs.getInt("n"))))
                    .forEach(e -> out.get(e.getKey()).put(e.getValue().getKey(), e.getValue().getValue()));
            return null;
        });
        return out;
    }

    @Override
    public Map<AccountId, Integer> authorsOf(AccountId patient, long categoryMask) {
        List<String> categories = java.util.Arrays.stream(io.salus.core.record.Category.values())
                .filter(c -> (categoryMask & c.mask()) != 0).map(Enum::name).toList();
        return tx.inTransaction("count a patient's records by author", h -> {
            Map<AccountId, Integer> out = new java.util.HashMap<>();
            h.createQuery("""
                    SELECT d.author, count(*) AS n FROM sealed_record r JOIN deposit d ON d.id = r.deposit_id
                     WHERE r.patient = :patient AND r.category = ANY(:categories) GROUP BY d.author""")
                    .bind("patient", patient.value()).bind("categories", Sql.textArray(categories))
                    .map((rs, ctx) -> Map.entry(new AccountId(Sql.uuid(rs, "author")), rs.getInt("n")))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    @Override
    public Optional<AnchorBatch> cutBatch(int maxSize, Duration maxDelay, Instant now) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be positive");
        }
        return tx.inTransaction("cut a batch", h -> BatchCutter.cut(h, maxSize, maxDelay, now));
    }

    @Override
    public void markAnchored(AnchorTx anchor, long outboxId, Instant now) {
        tx.inTransaction("mark batch anchored", h -> {
            AnchorBatch batch = h.createQuery(RecordRows.BATCH + " WHERE batch_key = :key FOR UPDATE")
                    .bind("key", anchor.batchKey().bytes())
                    .map((rs, ctx) -> RecordRows.batch(rs))
                    .findOne()
                    .orElseThrow(() -> new SalusException("no batch " + anchor.batchKey() + " to mark anchored"));
            if (!batch.root().equals(anchor.root())) {
                throw new SalusException("anchor of batch " + anchor.batchKey() + " carries root " + anchor.root()
                        + " but the batch root is " + batch.root());
            }
            if (batch.anchored().isEmpty()) {
                h.createUpdate("""
                        UPDATE anchor_batch SET tx_hash = :tx, block_number = :block, gas_used = :gas
                        WHERE id = :id""")
                        .bind("id", batch.id())
                        .bind("tx", anchor.txHash())
                        .bind("block", anchor.blockNumber())
                        .bind("gas", anchor.gasUsed())
                        .execute();
            }
            OutboxRows.complete(h, outboxId, Map.of("txHash", anchor.txHash(), "blockNumber",
                    Long.toString(anchor.blockNumber()), "gasUsed", Long.toString(anchor.gasUsed())), now);
            return null;
        });
    }

    @Override
    public Optional<AnchorBatch> findBatch(Hash32 batchKey) {
        return tx.inTransaction("find batch", h -> h.createQuery(RecordRows.BATCH + " WHERE batch_key = :key")
                .bind("key", batchKey.bytes())
                .map((rs, ctx) -> RecordRows.batch(rs))
                .findOne());
    }

    @Override
    public List<AnchorBatch> batches(int limit) {
        return tx.inTransaction("list batches", h -> h.createQuery(RecordRows.BATCH + " ORDER BY seq DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> RecordRows.batch(rs))
                .list());
    }

    @Override
    public Stats stats() {
        return tx.inTransaction("compute stats", h -> {
            Map<String, Long> byCategory = new HashMap<>();
            h.createQuery("SELECT category, count(*) AS n FROM sealed_record GROUP BY category")
                    .map((rs, ctx) -> byCategory.put(rs.getString("category"), rs.getLong("n")))
                    .list();
            return h.createQuery(
                    """
                            SELECT (SELECT count(DISTINCT patient) FROM sealed_record) AS patients,
                                   (SELECT count(*) FROM sealed_record) AS records,
                                   (SELECT count(*) FROM anchor_batch) AS batches,
                                   (SELECT count(*) FROM anchor_batch WHERE tx_hash IS NOT NULL) AS anchored_batches,
                                   (SELECT coalesce(sum(size), 0) FROM anchor_batch WHERE tx_hash IS NOT NULL) AS anchored_records,
                                   (SELECT coalesce(sum(gas_used), 0) FROM anchor_batch WHERE tx_hash IS NOT NULL) AS gas""")
                    .map((rs, ctx) -> new Stats(rs.getLong("patients"), rs.getLong("records"), Map.copyOf(byCategory),
                            rs.getLong("batches"), rs.getLong("anchored_batches"), rs.getLong("anchored_records"),
                            rs.getLong("gas")))
                    .one();
        });
    }

    @Override
    public List<RecordId> recordsOfDeposit(UUID depositId) {
        return tx.inTransaction("list records of deposit", h -> h.createQuery(
                "SELECT id FROM sealed_record WHERE deposit_id = :d ORDER BY seq")
                .bind("d", depositId)
                .map((rs, ctx) -> new RecordId(Sql.uuid(rs, "id")))
                .list());
    }
}
