package io.salus.store;

import io.salus.core.outbox.OutboxEntry;
import io.salus.core.port.Outbox;
import io.salus.store.internal.OutboxRows;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The transactional outbox in PostgreSQL (table {@code outbox}). Messages are enqueued by the stores inside their own
 * transactions; this class serves the workers. Completing or retrying a message that is no longer pending changes
 * nothing. Thread-safe.
 */
public final class PostgresOutbox implements Outbox {
    private final Transactions tx;

    public PostgresOutbox(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public List<OutboxEntry> due(String kind, int limit, Instant now) {
        return tx.inTransaction("list due outbox messages",
                h -> h.createQuery("SELECT " + OutboxRows.ENTRY_COLUMNS + """
                         FROM outbox
                        WHERE kind = :kind AND status = 'pending' AND next_attempt_at <= :now
                        ORDER BY id LIMIT :limit""")
                        .bind("kind", kind)
                        .bind("now", Sql.ts(now))
                        .bind("limit", limit)
                        .map((rs, ctx) -> OutboxRows.entry(rs))
                        .list());
    }

    @Override
    public void complete(long id, Map<String, String> result, Instant now) {
        tx.inTransaction("complete an outbox message", h -> OutboxRows.complete(h, id, result, now));
    }

    @Override
    public void completeAll(Map<Long, Map<String, String>> results, Instant now) {
        if (results.isEmpty()) {
            return;
        }
        tx.inTransaction("complete outbox messages", h -> {
            PreparedBatch batch = h.prepareBatch("""
                    UPDATE outbox SET status = 'done', done_at = :now, result = jsonb_object(:keys, :values)
                    WHERE id = :id AND status = 'pending'""");
            results.forEach((id, result) -> batch.bind("id", id).bind("keys", OutboxRows.keys(result))
                    .bind("values", OutboxRows.values(result)).bind("now", Sql.ts(now)).add());
            return batch.execute();
        });
    }

    @Override
    public boolean completeByKey(String kind, String idempotencyKey, Map<String, String> result, Instant now) {
        return tx.inTransaction("complete an outbox message by key", h -> h.createUpdate("""
                UPDATE outbox SET status = 'done', done_at = :now, result = jsonb_object(:keys, :values)
                WHERE kind = :kind AND idempotency_key = :key AND status = 'pending'""")
                .bind("kind", kind)
                .bind("key", idempotencyKey)
                .bind("keys", OutboxRows.keys(result))
                .bind("values", OutboxRows.values(result))
                .bind("now", Sql.ts(now))
                .execute() == 1);
    }

    @Override
    public void retryLater(long id, String error, Instant nextAttempt) {
        tx.inTransaction("reschedule an outbox message", h -> h.createUpdate("""
                UPDATE outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next
                WHERE id = :id AND status = 'pending'""")
                .bind("id", id)
                .bind("error", error)
                .bind("next", Sql.ts(nextAttempt))
                .execute());
    }

    @Override
    public long pending(String kind) {
        return tx.inTransaction("count pending outbox messages",
                h -> h.createQuery("SELECT count(*) FROM outbox WHERE kind = :kind AND status = 'pending'")
                        .bind("kind", kind)
                        .mapTo(Long.class)
                        .one());
    }
}
