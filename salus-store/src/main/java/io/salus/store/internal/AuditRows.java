package io.salus.store.internal;

import io.salus.core.account.AccountId;
import io.salus.core.consent.AuditEntry;
import io.salus.core.consent.Decision;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.record.Category;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Writing and reading {@code audit_entry} rows, inside the caller's transaction. Stateless. */
public final class AuditRows {
    public static final String SELECT = """
            SELECT id, requester, patient, category, purpose, at, effect, code, reason, grant_id, basis,
                   audit_event_json, audit_hash, tx_hash, block_number
              FROM audit_entry
            """;

    private AuditRows() {
    }

    /** Inserts the entries; an id already stored fails the transaction. */
    public static void insert(Handle h, List<AuditEntry> entries) {
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO audit_entry (id, requester, patient, category, purpose, at, effect, code, reason, grant_id,
                    basis, audit_event_json, audit_hash, tx_hash, block_number)
                VALUES (:id, :requester, :patient, :category, :purpose, :at, :effect, :code, :reason, :grantId,
                    :basis, :json, :hash, :tx, :block)""");
        for (AuditEntry e : entries) {
            Decision d = e.decision();
            batch.bind("id", e.id())
                    .bind("requester", e.requester().value())
                    .bind("patient", e.patient().value())
                    .bind("category", e.category().name())
                    .bind("purpose", e.purpose().name())
                    .bind("at", Sql.ts(e.at()))
                    .bind("effect", d.effect().name())
                    .bind("code", d.code().map(Enum::name).orElse(null))
                    .bind("reason", d.reason())
                    .bind("grantId", d.grantId().orElse(null))
                    .bind("basis", d.basis().name())
                    .bind("json", e.auditEventJson())
                    .bind("hash", e.auditHash().bytes())
                    .bind("tx", e.txHash().orElse(null))
                    .bind("block", e.block().orElse(null))
                    .add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    public static AuditEntry entry(ResultSet rs) throws SQLException {
        Decision decision = new Decision(Decision.Effect.valueOf(rs.getString("effect")),
                Optional.ofNullable(rs.getString("code")).map(ErrorCode::valueOf), rs.getString("reason"),
                Sql.optionalLong(rs, "grant_id"), Decision.Basis.valueOf(rs.getString("basis")));
        return new AuditEntry(Sql.uuid(rs, "id"), new AccountId(Sql.uuid(rs, "requester")),
                new AccountId(Sql.uuid(rs, "patient")), Category.valueOf(rs.getString("category")),
                Purpose.valueOf(rs.getString("purpose")), Sql.instant(rs, "at"), decision,
                rs.getBytes("audit_event_json"), Sql.hash(rs, "audit_hash"),
                Optional.ofNullable(rs.getString("tx_hash")),
                Sql.optionalLong(rs, "block_number"));
    }
}
