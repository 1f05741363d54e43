package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.job.Job;
import io.salus.core.job.JobSpec;
import io.salus.core.job.JobState;
import io.salus.core.job.JobTransition;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.JobStore;
import io.salus.store.internal.OutboxRows;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Compute jobs in PostgreSQL (migration V60): {@code compute_job} and its append-only {@code compute_job_transition}.
 * Each move is a conditional update on the state it leaves plus its transition row, in one transaction; the release
 * also enqueues the job's on-chain record. The partial unique index on the deal makes a second job on a held deal
 * fail at insert, even under races. Thread-safe.
 */
public final class PostgresJobStore implements JobStore {
    private final Transactions tx;

    public PostgresJobStore(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public Optional<Failure> submit(Job j, Instant at) {
        return tx.inTransaction("store a compute job", h -> {
            int inserted = h.createUpdate("""
                    INSERT INTO compute_job (id, consumer, deal_id, algorithm, columns, parameters, epsilon, module,
                           algorithm_hash, state, submitted_at, updated_at)
                    VALUES (:id, :consumer, :deal, :algorithm, :columns, jsonb_object(:keys, :values), :eps, :module,
                           :hash, 'SUBMITTED', :at, :at)
                    ON CONFLICT DO NOTHING""")
                    .bind("id", j.id()).bind("consumer", j.consumer().value()).bind("deal", j.deal().bytes())
                    .bind("algorithm", j.spec().algorithm()).bind("columns", Sql.textArray(j.spec().columns()))
                    .bind("keys", OutboxRows.keys(j.spec().parameters()))
                    .bind("values", OutboxRows.values(j.spec().parameters()))
                    .bind("eps", j.spec().epsilon()).bind("module", j.spec().module().orElse(null))
                    .bind("hash", j.algorithmHash().bytes()).bind("at", Sql.ts(at)).execute();
            if (inserted == 0) {
                return Optional.of(Failure.of(ErrorCode.JOB_DEAL_BUSY, "another job already holds deal " + j.deal()
                        + ": one deal, one released result"));
            }
            transition(h, j.id(), null, JobState.SUBMITTED, Optional.empty(), "submitted", at);
            return Optional.<Failure>empty();
        });
    }

    @Override
    public boolean move(UUID job, JobState from, JobState to, Optional<Failure> reason, Instant at) {
        return tx.inTransaction("move a compute job", h -> {
            int n = h.createUpdate("""
                    UPDATE compute_job SET state = :to, reason_code = :code, reason = :reason, updated_at = :at
                     WHERE id = :id AND state = :from""")
                    .bind("to", to.name()).bind("from", from.name()).bind("id", job)
                    .bind("code", reason.map(f -> f.code().code()).orElse(null))
                    .bind("reason", reason.map(Failure::detail).orElse(null)).bind("at", Sql.ts(at)).execute();
            if (n == 1) {
                transition(h, job, from, to, reason,
                        reason.map(Failure::detail).orElse(to.name().toLowerCase(Locale.ROOT)),
                        at);
            }
            return n == 1;
        });
    }

    @Override
    public boolean release(UUID job, Hash32 inputRoot, Hash32 outputHash, OutboxMessage record, Instant at) {
        return tx.inTransaction("release a compute job", h -> {
            int n = h.createUpdate("""
                    UPDATE compute_job SET state = 'RELEASED', input_root = :root, output_hash = :out, updated_at = :at
                     WHERE id = :id AND state = 'RUNNING'""")
                    .bind("root", inputRoot.bytes()).bind("out", outputHash.bytes()).bind("id", job)
                    .bind("at", Sql.ts(at)).execute();
            if (n == 1) {
                transition(h, job, JobState.RUNNING, JobState.RELEASED, Optional.empty(), "released: output "
                        + outputHash.hex() + " over cohort root " + inputRoot.hex(), at);
                OutboxRows.enqueue(h, record, at);
            }
            return n == 1;
        });
    }

    @Override
    public Optional<Job> find(UUID job) {
        return tx.inTransaction("read a compute job", h -> h.createQuery(SELECT + " WHERE id = :id")
                .bind("id", job).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public List<Job> inState(JobState state, int limit) {
        return tx.inTransaction("list compute jobs", h -> h.createQuery(SELECT
                + " WHERE state = :state ORDER BY submitted_at, id LIMIT :limit").bind("state", state.name())
                .bind("limit", limit).map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public List<Job> byConsumer(AccountId consumer) {
        return tx.inTransaction("list a consumer's compute jobs", h -> h.createQuery(SELECT
                + " WHERE consumer = :c ORDER BY submitted_at DESC, id").bind("c", consumer.value())
                .map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public List<JobTransition> transitions(UUID job) {
        return tx.inTransaction("list a compute job's transitions", h -> h.createQuery(
                "SELECT * FROM compute_job_transition WHERE job = :id ORDER BY seq").bind("id", job)
                .map((rs, ctx) -> new JobTransition(Sql.uuid(rs, "job"), Optional.ofNullable(rs.getString(
                        "from_state")).map(JobState::valueOf), JobState.valueOf(rs.getString("to_state")),
                        Sql.instant(rs, "at"), Optional.ofNullable(rs.getString("code")), rs.getString("detail")))
                .list());
    }

    private static final String SELECT = """
            SELECT *, ARRAY(SELECT key FROM jsonb_each_text(parameters) ORDER BY key) AS parameter_keys,
                   ARRAY(SELECT value FROM jsonb_each_text(parameters) ORDER BY key) AS parameter_values
              FROM compute_job""";

    private static void transition(Handle h, UUID job, JobState from, JobState to, Optional<Failure> reason,
            String detail, Instant at) {
        h.createUpdate("""
                INSERT INTO compute_job_transition (job, from_state, to_state, at, code, detail)
                VALUES (:job, :from, :to, :at, :code, :detail)""")
                .bind("job", job).bind("from", from == null ? null : from.name()).bind("to", to.name())
                .bind("at", Sql.ts(at)).bind("code", reason.map(f -> f.code().code()).orElse(null))
                .bind("detail", detail).execute();
    }

    private static Job row(ResultSet rs) throws SQLException {
        String[] keys = Sql.textArray(rs, "parameter_keys");
        String[] values = Sql.textArray(rs, "parameter_values");
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            parameters.put(keys[i], values[i]);
        }
        JobSpec spec = new JobSpec(rs.getString("algorithm"), List.of(Sql.textArray(rs, "columns")), parameters,
                rs.getString("epsilon"), Optional.ofNullable(rs.getBytes("module")));
        return new Job(Sql.uuid(rs, "id"), new AccountId(Sql.uuid(rs, "consumer")), Hash32.of(rs.getBytes(
                "deal_id")), spec, Sql.hash(rs, "algorithm_hash"), JobState.valueOf(rs.getString("state")),
                Optional.ofNullable(rs.getString("reason_code")), Optional.ofNullable(rs.getString("reason")),
                Optional.ofNullable(rs.getBytes("input_root")).map(Hash32::of),
                Optional.ofNullable(rs.getBytes("output_hash")).map(Hash32::of), Sql.instant(rs, "submitted_at"),
                Sql.instant(rs, "updated_at"));
    }
}
