package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.anchor.AnchorBatch;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.RecordStore;
import io.salus.core.record.DepositSummary;
import io.salus.core.merkle.Hashing;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.PatientKeyChanged;
import io.salus.core.record.NewRecord;
import io.salus.core.record.Provenance;
import io.salus.core.record.RecordId;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import io.salus.store.internal.BatchCutter;
import io.salus.store.internal.OutboxRows;
import io.salus.store.internal.RecordRows;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Sealed records, deposits and anchor batches in PostgreSQL. Instants are kept to the microsecond. Outbox messages
 * written with deposits are stamped with the injected clock. Thread-safe; {@link #cutBatch} is safe across threads
 * and nodes sharing the database.
 */
public final class PostgresRecordStore implements RecordStore {
    private final Transactions tx;
    private final Clock clock;

    public PostgresRecordStore(Jdbi jdbi, Clock clock) {
        this.tx = new Transactions(jdbi);
        this.clock = clock;
    }

    @Override
    public DepositSummary saveDeposit(NewDeposit deposit, OutboxMessage anchorRequest) {
        Provenance p = deposit.provenance();
        return tx.inTransaction("save deposit " + p.depositId(), h -> {
            if (deposit.sealedToKeyHash().isPresent()) {
                requireCurrentKey(h, deposit);
            }
            int inserted = h.createUpdate("""
                    INSERT INTO deposit (id, patient, author, source, deposited_at, idempotency_key, request_hash)
                    VALUES (:id, :patient, :author, :source, :at, :key, :hash)
                    ON CONFLICT (author, idempotency_key) DO NOTHING""")
                    .bind("id", p.depositId())
                    .bind("patient", deposit.patient().value())
                    .bind("author", p.author().value())
                    .bind("source", p.source())
                    .bind("at", Sql.ts(p.depositedAt()))
                    .bind("key", deposit.idempotencyKey().orElse(null))
                    .bind("hash", deposit.requestHash().bytes())
                    .execute();
            if (inserted == 0) {
                return RecordRows.deposit(h, "author = :a AND idempotency_key = :k", "a", p.author().value(), "k",
                        deposit.idempotencyKey().orElseThrow())
                        .orElseThrow(() -> new SalusException("idempotency conflict without a deposit"));
            }
            insertRecords(h, deposit);
            insertIdentifiers(h, deposit);
            PostgresFeatureStore.add(h, deposit.patient(), deposit.features());
            deposit.facts().ifPresent(f -> PostgresFeatureStore.putFacts(h, deposit.patient(), f));
            OutboxRows.enqueue(h, anchorRequest, clock.instant());
            return RecordRows.deposit(h, "id = :id", "id", p.depositId()).orElseThrow();
        });
    }

    /**
     * The account's key must still be the one the data keys were wrapped to. The share lock on the account row orders
     * this deposit against a key rotation (which updates the row): a rotation that committed first is seen here, one
     * that commits later waits for this deposit and then re-wraps its records.
     */
    private static void requireCurrentKey(Handle h, NewDeposit deposit) {
        byte[] key = h.createQuery("SELECT encryption_public_key FROM account WHERE id = :p FOR SHARE")
                .bind("p", deposit.patient().value()).mapTo(byte[].class).findOne().orElse(null);
        if (key == null || !Hashing.sha256(key).equals(deposit.sealedToKeyHash().get())) {
            throw new PatientKeyChanged("the patient's key changed while the deposit was being sealed");
        }
    }

    private static void insertRecords(Handle h, NewDeposit deposit) {
        if (deposit.records().isEmpty()) {
            return;
        }
        Provenance p = deposit.provenance();
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO sealed_record (id, deposit_id, patient, category, resource_type, fhir_id, ciphertext,
                    wrapped_key_node, wrapped_key_patient, salt, content_hash, leaf, author, source, deposited_at)
                VALUES (:id, :deposit, :patient, :category, :type, :fhirId, :ciphertext, :keyNode, :keyPatient,
                    :salt, :contentHash, :leaf, :author, :source, :at)""");
        for (NewRecord r : deposit.records()) {
            batch.bind("id", r.id().value())
                    .bind("deposit", p.depositId())
                    .bind("patient", deposit.patient().value())
                    .bind("category", r.category().name())
                    .bind("type", r.resourceType())
                    .bind("fhirId", r.fhirId())
                    .bind("ciphertext", r.sealed().ciphertext())
                    .bind("keyNode", r.sealed().wrappedKeyForNode())
                    .bind("keyPatient", r.sealed().wrappedKeyForPatient())
                    .bind("salt", r.salt().bytes())
                    .bind("contentHash", r.contentHash().bytes())
                    .bind("leaf", r.leaf().bytes())
                    .bind("author", p.author().value())
                    .bind("source", p.source())
                    .bind("at", Sql.ts(p.depositedAt()))
                    .add();
        }
        batch.execute();
    }

    private static void insertIdentifiers(Handle h, NewDeposit deposit) {
        for (String identifier : new TreeSet<>(deposit.patientIdentifiers())) {
            h.createUpdate("""
                    INSERT INTO patient_identifier (patient, identifier) VALUES (:patient, :identifier)
                    ON CONFLICT DO NOTHING""")
                    .bind("patient", deposit.patient().value())
                    .bind("identifier", identifier)
                    .execute();
        }
    }

    @Override
    public Optional<DepositSummary> findDeposit(AccountId author, String idempotencyKey) {
        return tx.inTransaction("find deposit", h -> RecordRows.deposit(h, "author = :a AND idempotency_key = :k",
                "a", author.value(), "k", idempotencyKey));
    }

    @Override
    public Optional<StoredRecord> find(RecordId id) {
        return tx.inTransaction("find record", h -> h.createQuery(RecordRows.STORED + " WHERE r.id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> RecordRows.stored(rs))
                .findOne());
    }

    @Override
    public List<RecordSummary> listByPatient(AccountId patient) {
        return tx.inTransaction("list records", h -> h.createQuery(RecordRows.SUMMARY
                + " WHERE r.patient = :patient ORDER BY r.seq")
                .bind("patient", patient.value())
                .map((rs, ctx) -> RecordRows.summary(rs))
                .list());
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
