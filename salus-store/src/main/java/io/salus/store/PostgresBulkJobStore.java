package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.bulk.BulkJob;
import io.salus.core.bulk.BulkJobStore;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Bulk export jobs and their files in PostgreSQL (migration V21). Thread-safe. */
public final class PostgresBulkJobStore implements BulkJobStore {
    private final Transactions tx;

    public PostgresBulkJobStore(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public void insert(BulkJob j) {
        tx.inTransaction("store an export job", h -> h.createUpdate("""
                INSERT INTO bulk_job (id, requester, kind, subject, types, request, status, requested_at)
                VALUES (:id, :requester, :kind, :subject, :types, :request, :status, :at)""")
                .bind("id", j.id()).bind("requester", j.requester().value()).bind("kind", j.kind().name())
                .bind("subject", j.subject()).bind("types", Sql.textArray(List.copyOf(j.types())))
                .bind("request", j.request()).bind("status", j.status().name()).bind("at", Sql.ts(j.requestedAt()))
                .execute());
    }

    @Override
    public void update(BulkJob j) {
        tx.inTransaction("update an export job", h -> {
            h.createUpdate("UPDATE bulk_job SET status = :status, finished_at = :fin, error = :err WHERE id = :id")
                    .bind("status", j.status().name()).bind("fin", Sql.ts(j.finishedAt().orElse(null)))
                    .bind("err", j.error().orElse(null)).bind("id", j.id()).execute();
            h.createUpdate("DELETE FROM bulk_file WHERE job = :id").bind("id", j.id()).execute();
            for (int i = 0; i < j.files().size(); i++) {
                BulkJob.BulkFile f = j.files().get(i);
                h.createUpdate("""
                        INSERT INTO bulk_file (job, position, type, name, count, bytes)
                        VALUES (:job, :pos, :type, :name, :count, :bytes)""")
                        .bind("job", j.id()).bind("pos", i).bind("type", f.type()).bind("name", f.name())
                        .bind("count", f.count()).bind("bytes", f.bytes()).execute();
            }
            return null;
        });
    }

    @Override
    public Optional<BulkJob> find(UUID id) {
        return tx.inTransaction("read an export job", h -> h.createQuery("SELECT * FROM bulk_job WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> row(h, rs)).findOne());
    }

    @Override
    public List<BulkJob> unfinished() {
        return tx.inTransaction("list unfinished export jobs", h -> h.createQuery(
                "SELECT * FROM bulk_job WHERE status IN ('ACCEPTED', 'RUNNING') ORDER BY requested_at")
                .map((rs, ctx) -> row(h, rs)).list());
    }

    private static BulkJob row(Handle h, ResultSet rs) throws SQLException {
        UUID id = Sql.uuid(rs, "id");
        List<BulkJob.BulkFile> files = h.createQuery(
                "SELECT type, name, count, bytes FROM bulk_file WHERE job = :id ORDER BY position").bind("id", id)
                .map((f, ctx) -> new BulkJob.BulkFile(f.getString("type"), f.getString("name"), f.getLong("count"),
                        f.getLong("bytes")))
                .list();
        return new BulkJob(id, new AccountId(Sql.uuid(rs, "requester")), BulkJob.Kind.valueOf(rs.getString("kind")),
                rs.getString("subject"), Set.of((String[]) rs.getArray("types").getArray()), rs.getString("request"),
                BulkJob.Status.valueOf(rs.getString("status")), Sql.instant(rs, "requested_at"),
                Optional.ofNullable(Sql.instant(rs, "finished_at")), files, Optional.ofNullable(rs.getString("error")));
    }
}
