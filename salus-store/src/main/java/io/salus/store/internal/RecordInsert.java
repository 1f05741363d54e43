package io.salus.store.internal;

import io.salus.core.port.KeyManager;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.NewRecord;
import io.salus.core.record.Provenance;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Writes a deposit's {@code sealed_record} rows as multi-row {@code INSERT}s of up to {@link #ROWS} rows each (one
 * statement and one executor run per chunk instead of one per record; decision 0033), in deposit order, so their
 * {@code seq} follows the bundle. Inside the caller's transaction. Stateless.
 */
public final class RecordInsert {
    /** Rows per statement: 15 parameters each, well under PostgreSQL's 65,535 bind parameters. */
    static final int ROWS = 256;
    private static final String COLUMNS = """
            INSERT INTO sealed_record (id, deposit_id, patient, category, resource_type, fhir_id, ciphertext,
                wrapped_key_node, wrapped_key_patient, salt, leaf, author, source, deposited_at, reading_leaves)
            VALUES\s""";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private RecordInsert() {
    }

    public static void insert(Handle h, KeyManager keys, NewDeposit deposit) {
        List<NewRecord> records = deposit.records();
        for (int from = 0; from < records.size(); from += ROWS) {
            insertChunk(h, keys, deposit, records.subList(from, Math.min(records.size(), from + ROWS)));
        }
    }

    private static void insertChunk(Handle h, KeyManager keys, NewDeposit deposit, List<NewRecord> chunk) {
        StringBuilder sql = new StringBuilder(COLUMNS.length() + chunk.size() * (ROW.length() + 2)).append(COLUMNS);
        for (int i = 0; i < chunk.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
        }
        Update insert = h.createUpdate(sql.toString());
        Provenance p = deposit.provenance();
        int pos = 0;
        for (NewRecord r : chunk) {
            insert.bind(pos++, r.id().value())
                    .bind(pos++, p.depositId())
                    .bind(pos++, deposit.patient().value())
                    .bind(pos++, r.category().name())
                    .bind(pos++, r.resourceType())
                    .bindByType(pos++, RecordRows.sealFhirId(keys, r.id().value(), r.fhirId()), byte[].class)
                    .bind(pos++, r.sealed().ciphertext())
                    .bind(pos++, r.sealed().wrappedKeyForNode())
                    .bind(pos++, r.sealed().wrappedKeyForPatient())
                    .bind(pos++, r.sealedSalt())
                    .bind(pos++, r.leaf().bytes())
                    .bind(pos++, p.author().value())
                    .bind(pos++, p.source())
                    .bind(pos++, Sql.ts(p.depositedAt()))
                    .bindByType(pos++, r.readingLeaves().isEmpty() ? null : Sql.proofBytes(r.readingLeaves()),
                            byte[].class);
        }
        insert.execute();
    }
}
