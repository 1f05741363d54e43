package io.salus.store.internal;

import io.salus.core.port.KeyManager;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.NewRecord;
import io.salus.core.record.Provenance;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

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
        Provenance p = deposit.provenance();
        OffsetDateTime at = OffsetDateTime.ofInstant(Sql.micros(p.depositedAt()), ZoneOffset.UTC);
        // plain JDBC: Jdbi's per-argument binding cost more than the insert itself at 15 arguments per record (JFR)
        try (PreparedStatement insert = h.getConnection().prepareStatement(sql.toString())) {
            int pos = 1;
            for (NewRecord r : chunk) {
                insert.setObject(pos++, r.id().value());
                insert.setObject(pos++, p.depositId());
                insert.setObject(pos++, deposit.patient().value());
                insert.setString(pos++, r.category().name());
                insert.setString(pos++, r.resourceType());
                insert.setBytes(pos++, RecordRows.sealFhirId(keys, r.id().value(), r.fhirId()));
                insert.setBytes(pos++, r.sealed().ciphertext());
                insert.setBytes(pos++, r.sealed().wrappedKeyForNode());
                insert.setBytes(pos++, r.sealed().wrappedKeyForPatient());
                insert.setBytes(pos++, r.sealedSalt());
                insert.setBytes(pos++, r.leaf().bytes());
                insert.setObject(pos++, p.author().value());
                insert.setString(pos++, p.source());
                insert.setObject(pos++, at);
                insert.setBytes(pos++, r.readingLeaves().isEmpty() ? null : Sql.proofBytes(r.readingLeaves()));
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("inserting the deposit's records failed", e, null);
        }
    }
}
