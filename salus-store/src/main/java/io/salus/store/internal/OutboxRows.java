package io.salus.store.internal;

import io.salus.core.outbox.OutboxEntry;
import io.salus.core.outbox.OutboxMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;

/** Outbox SQL shared by the stores, run inside the caller's transaction. Stateless. */
public final class OutboxRows {
    /** Columns that {@link #entry} reads. */
    public static final String ENTRY_COLUMNS = """
            id, kind, idempotency_key, attempts, created_at,
            ARRAY(SELECT key FROM jsonb_each_text(payload) ORDER BY key) AS payload_keys,
            ARRAY(SELECT value FROM jsonb_each_text(payload) ORDER BY key) AS payload_values""";

    private OutboxRows() {
    }

    /** Enqueues a message, due now; a message with the same kind and key already there is kept as it is. */
    public static void enqueue(Handle h, OutboxMessage message, Instant now) {
        h.createUpdate("""
                INSERT INTO outbox (kind, idempotency_key, payload, next_attempt_at, created_at)
                VALUES (:kind, :key, jsonb_object(:keys, :values), :now, :now)
                ON CONFLICT (kind, idempotency_key) DO NOTHING""")
                .bind("kind", message.kind())
                .bind("key", message.idempotencyKey())
                .bind("keys", keys(message.payload()))
                .bind("values", values(message.payload()))
                .bind("now", Sql.ts(now))
                .execute();
    }

    /**
     * Enqueues a message that must be new, created now and due at {@code due}: a message with the same kind and key
     * already there fails the caller's transaction (for messages whose key names a row written in the same
     * transaction).
     */
    public static void insertNew(Handle h, OutboxMessage message, Instant now, Instant due) {
        h.createUpdate("""
                INSERT INTO outbox (kind, idempotency_key, payload, next_attempt_at, created_at)
                VALUES (:kind, :key, jsonb_object(:keys, :values), :due, :now)""")
                .bind("kind", message.kind())
                .bind("key", message.idempotencyKey())
                .bind("keys", keys(message.payload()))
                .bind("values", values(message.payload()))
                .bind("now", Sql.ts(now))
                .bind("due", Sql.ts(due))
                .execute();
    }

    /** Marks a pending message done with its result; false when it is not pending. */
    public static boolean complete(Handle h, long id, Map<String, String> result, Instant now) {
        return h.createUpdate("""
                UPDATE outbox SET status = 'done', done_at = :now, result = jsonb_object(:keys, :values)
                WHERE id = :id AND status = 'pending'""")
                .bind("id", id)
                .bind("keys", keys(result))
                .bind("values", values(result))
                .bind("now", Sql.ts(now))
                .execute() == 1;
    }

    public static OutboxEntry entry(ResultSet rs) throws SQLException {
        String[] keys = Sql.textArray(rs, "payload_keys");
        String[] values = Sql.textArray(rs, "payload_values");
        Map<String, String> payload = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            payload.put(keys[i], values[i]);
        }
        return new OutboxEntry(rs.getLong("id"),
                new OutboxMessage(rs.getString("kind"), rs.getString("idempotency_key"), payload),
                rs.getInt("attempts"), Sql.instant(rs, "created_at"));
    }

    /** The keys of a string map in its (sorted) key order: one half of {@code jsonb_object(keys, values)}. */
    public static Argument keys(Map<String, String> map) {
        return Sql.textArray(List.copyOf(new TreeMap<>(map).keySet()));
    }

    /** The values of a string map in its (sorted) key order: the other half of {@code jsonb_object}. */
    public static Argument values(Map<String, String> map) {
        return Sql.textArray(List.copyOf(new TreeMap<>(map).values()));
    }
}
