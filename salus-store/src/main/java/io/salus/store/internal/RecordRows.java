package io.salus.store.internal;

import io.salus.core.account.AccountId;
import io.salus.core.anchor.AnchorBatch;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.KeyManager;
import io.salus.core.record.Anchoring;
import io.salus.core.record.Category;
import io.salus.core.record.DepositSummary;
import io.salus.core.record.Provenance;
import io.salus.core.record.RecordId;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.SealedRecord;
import io.salus.core.record.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Reading records, deposits and batches, inside the caller's transaction; sealed FHIR ids are opened with the node's
 * keys. Stateless.
 */
public final class RecordRows {
    /** Columns of a {@link StoredRecord}: {@code sealed_record r} left-joined to {@code anchor_batch b}. */
    public static final String STORED = """
            SELECT r.id, r.patient, r.category, r.resource_type, r.fhir_id, r.deposit_id, r.author, r.source,
                   r.deposited_at, r.ciphertext, r.wrapped_key_node, r.wrapped_key_patient, r.salt, r.leaf,
                   r.leaf_index, r.proof, r.reading_leaves, b.batch_key, b.root, b.tx_hash, b.block_number
              FROM sealed_record r LEFT JOIN anchor_batch b ON b.id = r.batch_id
            """;
    /** Columns of a {@link RecordSummary}. */
    public static final String SUMMARY = """
            SELECT r.id, r.category, r.resource_type, r.fhir_id, r.deposit_id, r.deposited_at, r.leaf,
                   b.tx_hash IS NOT NULL AS anchored
              FROM sealed_record r LEFT JOIN anchor_batch b ON b.id = r.batch_id
            """;
    /** Columns of a {@link RecordSummary} and its patient (for reading several patients' lists at once). */
    public static final String SUMMARY_OF_PATIENT = """
            SELECT r.patient, r.id, r.category, r.resource_type, r.fhir_id, r.deposit_id, r.deposited_at, r.leaf,
                   b.tx_hash IS NOT NULL AS anchored
              FROM sealed_record r LEFT JOIN anchor_batch b ON b.id = r.batch_id
            """;
    /** Columns of an {@link AnchorBatch}. */
    public static final String BATCH = """
            SELECT id, batch_key, root, size, cut_at, tx_hash, block_number, gas_used FROM anchor_batch
            """;

    private RecordRows() {
    }

    public static StoredRecord stored(ResultSet rs, KeyManager keys) throws SQLException {
        Optional<Anchoring> anchoring = Optional.empty();
        byte[] batchKey = rs.getBytes("batch_key");
        if (batchKey != null) {
            anchoring = Optional.of(new Anchoring(Hash32.of(batchKey), Sql.hash(rs, "root"), rs.getInt("leaf_index"),
                    Sql.proof(rs.getBytes("proof")), Optional.ofNullable(rs.getString("tx_hash")),
                    Sql.optionalLong(rs, "block_number")));
        }
        AccountId patient = new AccountId(Sql.uuid(rs, "patient"));
        Provenance provenance = new Provenance(new AccountId(Sql.uuid(rs, "author")), Sql.uuid(rs, "deposit_id"),
                rs.getString("source"), Sql.instant(rs, "deposited_at"));
        SealedRecord sealed = new SealedRecord(rs.getBytes("ciphertext"), rs.getBytes("wrapped_key_node"),
                rs.getBytes("wrapped_key_patient"));
        UUID id = Sql.uuid(rs, "id");
        return new StoredRecord(new RecordId(id), patient, Category.valueOf(rs.getString("category")),
                rs.getString("resource_type"), fhirId(rs, id, keys), provenance, sealed, rs.getBytes("salt"),
                Sql.hash(rs, "leaf"), anchoring, readingLeaves(rs));
    }

    private static List<Hash32> readingLeaves(ResultSet rs) throws SQLException {
        byte[] leaves = rs.getBytes("reading_leaves");
        return leaves == null ? List.of() : Sql.proof(leaves);
    }

    public static RecordSummary summary(ResultSet rs, KeyManager keys) throws SQLException {
        UUID id = Sql.uuid(rs, "id");
        return new RecordSummary(new RecordId(id), Category.valueOf(rs.getString("category")),
                rs.getString("resource_type"), fhirId(rs, id, keys), Sql.uuid(rs, "deposit_id"),
                Sql.instant(rs, "deposited_at"), Sql.hash(rs, "leaf"), rs.getBoolean("anchored"));
    }

    /** The sealed form of a record's FHIR id (absent stays absent). */
    public static byte[] sealFhirId(KeyManager keys, UUID record, String fhirId) {
        return fhirId == null
                ? null
                : keys.sealValue(fhirId.getBytes(StandardCharsets.UTF_8), AtRest.fhirIdAad(record));
    }

    private static String fhirId(ResultSet rs, UUID record, KeyManager keys) throws SQLException {
        byte[] sealed = rs.getBytes("fhir_id");
        return sealed == null
                ? null
                : new String(AtRest.open(keys, sealed, AtRest.fhirIdAad(record), "the FHIR id of record " + record),
                        StandardCharsets.UTF_8);
    }

    public static AnchorBatch batch(ResultSet rs) throws SQLException {
        Hash32 key = Sql.hash(rs, "batch_key");
        Hash32 root = Sql.hash(rs, "root");
        int size = rs.getInt("size");
        String txHash = rs.getString("tx_hash");
        Optional<AnchorTx> anchored = txHash == null
                ? Optional.empty()
                : Optional
                        .of(new AnchorTx(key, root, size, txHash, rs.getLong("block_number"), rs.getLong("gas_used")));
        return new AnchorBatch(Sql.uuid(rs, "id"), key, root, size, Sql.instant(rs, "cut_at"), anchored);
    }

    /** The deposit with this id, with its records in deposit order. */
    public static Optional<DepositSummary> deposit(Handle h, KeyManager keys, String where, Object... keyValues) {
        var query = h.createQuery(
                "SELECT id, patient, author, deposited_at, request_hash FROM deposit WHERE " + where);
        for (int i = 0; i < keyValues.length; i += 2) {
            query.bind((String) keyValues[i], keyValues[i + 1]);
        }
        return query.map((rs, ctx) -> new Head(Sql.uuid(rs, "id"), new AccountId(Sql.uuid(rs, "patient")),
                new AccountId(Sql.uuid(rs, "author")), Sql.instant(rs, "deposited_at"), Sql.hash(rs, "request_hash")))
                .findOne()
                .map(head -> new DepositSummary(head.id, head.patient, head.author, head.depositedAt, head.requestHash,
                        recordsOfDeposit(h, keys, head.id)));
    }

    private static List<RecordSummary> recordsOfDeposit(Handle h, KeyManager keys, UUID depositId) {
        return h.createQuery(SUMMARY + " WHERE r.deposit_id = :d ORDER BY r.seq")
                .bind("d", depositId)
                .map((rs, ctx) -> summary(rs, keys))
                .list();
    }

    private record Head(UUID id, AccountId patient, AccountId author, java.time.Instant depositedAt,
            Hash32 requestHash) {
    }
}
