package io.salus.store.internal;

import io.salus.core.error.Result;
import io.salus.core.keys.KekHolding;
import io.salus.core.keys.KekRewrap;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One column of KEK-sealed values as a {@link KekHolding}: walked in key order from a cursor kept in
 * {@code kek_rewrap_progress} (per primary key), only the values made by another key selected (the KEK ciphertext's
 * Tink prefix compared in SQL), each re-wrapped and written back only if the row still holds what was read (a row
 * changed or erased meanwhile is left alone). Rows without a value (NULL or empty: an account whose keys the node does
 * not hold) are skipped and not counted. Thread-safe.
 */
public final class KekColumn implements KekHolding {
    /** How the column's value is sealed. */
    public enum Kind {
        /** A data key wrapped under the KEK with a record's (or alert's) associated data. */
        RECORD_KEY,
        /** A value sealed beside its row, bound to associated data. */
        VALUE,
        /** A node secret bound to a purpose (the binding is the purpose's UTF-8). */
        SECRET,
        /** A sealed account private key (role and address in its header). */
        ACCOUNT_KEY
    }

    /** The type of the row's key column: how the cursor is written as text and read back. */
    public enum Key {
        UUID("%s::text", "CAST(:cursor AS uuid)"),
        BYTEA("encode(%s, 'hex')", "decode(:cursor, 'hex')"),
        BIGINT("%s::text", "CAST(:cursor AS bigint)");

        private final String asText;
        private final String fromCursor;

        Key(String asText, String fromCursor) {
            this.asText = asText;
            this.fromCursor = fromCursor;
        }
    }

    /** A row as read: its key (as text) and its extra columns (as text). */
    public record Row(String key, Map<String, String> values) {
        public String text(String column) {
            return values.get(column);
        }
    }

    private final Transactions tx;
    private final Clock clock;
    private final String name;
    private final String table;
    private final String keyColumn;
    private final Key key;
    private final List<String> extras;
    private final String column;
    private final Kind kind;
    private final Function<Row, byte[]> binding;

    /** {@code extras}: comma-separated columns the binding needs; {@code binding}: the associated data of a row. */
    public KekColumn(Jdbi jdbi, Clock clock, String name, String table, String keyColumn, Key key, String extras,
            String column, Kind kind, Function<Row, byte[]> binding) {
        this.tx = new Transactions(jdbi);
        this.clock = clock;
        this.name = name;
        this.table = table;
        this.keyColumn = keyColumn;
        this.key = key;
        this.extras = extras.isBlank() ? List.of() : List.of(extras.split("\\s*,\\s*"));
        this.column = column;
        this.kind = kind;
        this.binding = binding;
    }

    @Override
    public String name() {
        return name;
    }

    /** {@code table.column}. */
    public String where() {
        return table + "." + column;
    }

    @Override
    public Step step(KekRewrap rewrap, int limit) {
        return tx.inTransaction("re-wrap " + name, h -> {
            Progress p = progress(h, rewrap.primaryKeyId());
            if (p.done()) {
                return new Step(0, 0, 0, true);
            }
            StringBuilder sql = new StringBuilder("SELECT ").append(key.asText.formatted(keyColumn)).append(" AS k, ")
                    .append(column).append(" AS v");
            extras.forEach(c -> sql.append(", ").append(c).append("::text AS ").append(c));
            sql.append(" FROM ").append(table).append(" WHERE ").append(stale(rewrap));
            if (p.cursor() != null) {
                sql.append(" AND ").append(keyColumn).append(" > ").append(key.fromCursor);
            }
            sql.append(" ORDER BY ").append(keyColumn).append(" LIMIT :limit FOR UPDATE");
            var q = h.createQuery(sql.toString()).bind("prefix", rewrap.primaryPrefix()).bind("limit", limit);
            if (p.cursor() != null) {
                q.bind("cursor", p.cursor());
            }
            List<Map.Entry<Row, byte[]>> rows = q.map((rs, ctx) -> Map.entry(row(rs), rs.getBytes("v"))).list();
            int rewrapped = 0;
            int failed = 0;
            for (Map.Entry<Row, byte[]> r : rows) {
                if (rewrap(rewrap, r.getKey(), r.getValue()) instanceof Result.Ok<byte[]> ok) {
                    rewrapped += h.createUpdate("UPDATE " + table + " SET " + column + " = :fresh WHERE " + keyColumn
                            + " = " + key.fromCursor + " AND " + column + " = :old").bind("fresh", ok.value())
                            .bind("cursor", r.getKey().key()).bind("old", r.getValue()).execute();
                } else {
                    failed++;
                }
            }
            boolean done = rows.size() < limit;
            String cursor = rows.isEmpty() ? p.cursor() : rows.get(rows.size() - 1).getKey().key();
            h.createUpdate(
                    """
                            INSERT INTO kek_rewrap_progress (holding, primary_key_id, cursor, done, rewrapped, failed, updated_at)
                            VALUES (:h, :primary, :cursor, :done, :rewrapped, :failed, :at)
                            ON CONFLICT (holding) DO UPDATE SET primary_key_id = EXCLUDED.primary_key_id,
                                cursor = EXCLUDED.cursor, done = EXCLUDED.done, updated_at = EXCLUDED.updated_at,
                                rewrapped = CASE WHEN kek_rewrap_progress.primary_key_id = EXCLUDED.primary_key_id
                                    THEN kek_rewrap_progress.rewrapped + EXCLUDED.rewrapped ELSE EXCLUDED.rewrapped END,
                                failed = CASE WHEN kek_rewrap_progress.primary_key_id = EXCLUDED.primary_key_id
                                    THEN kek_rewrap_progress.failed + EXCLUDED.failed ELSE EXCLUDED.failed END""")
                    .bind("h", name).bind("primary", rewrap.primaryKeyId()).bind("cursor", cursor)
                    .bind("done", done).bind("rewrapped", (long) rewrapped).bind("failed", (long) failed)
                    .bind("at", Sql.ts(clock.instant())).execute();
            return new Step(rows.size(), rewrapped, failed, done);
        });
    }

    @Override
    public void restart(KekRewrap rewrap) {
        tx.inTransaction("restart re-wrapping " + name, h -> h.createUpdate(
                "UPDATE kek_rewrap_progress SET cursor = NULL, done = false WHERE holding = :h")
                .bind("h", name).execute());
    }

    @Override
    public long remaining(KekRewrap rewrap) {
        return tx.inTransaction("count what " + name + " keeps under older KEK keys", h -> h.createQuery(
                "SELECT count(*) FROM " + table + " WHERE " + stale(rewrap)).bind("prefix", rewrap.primaryPrefix())
                .mapTo(Long.class).one());
    }

    /** Rows holding a value whose KEK ciphertext does not start with the primary's prefix. */
    private String stale(KekRewrap rewrap) {
        int offset = kind == Kind.ACCOUNT_KEY ? rewrap.accountKeyOffset() : 0;
        return column + " IS NOT NULL AND octet_length(" + column + ") > " + offset + " AND substring(" + column
                + " from " + (offset + 1) + " for octet_length(:prefix)) <> :prefix";
    }

    private Result<byte[]> rewrap(KekRewrap rewrap, Row row, byte[] sealed) {
        return switch (kind) {
            case RECORD_KEY -> rewrap.rewrapRecordKey(sealed, binding.apply(row));
            case VALUE -> rewrap.rewrapValue(sealed, binding.apply(row));
            case SECRET -> rewrap.rewrapSecret(sealed, new String(binding.apply(row), StandardCharsets.UTF_8));
            case ACCOUNT_KEY -> rewrap.rewrapAccountKey(sealed);
        };
    }

    private Row row(ResultSet rs) throws SQLException {
        Map<String, String> values = new HashMap<>();
        for (String c : extras) {
            values.put(c, rs.getString(c));
        }
        return new Row(rs.getString("k"), values);
    }

    private record Progress(String cursor, boolean done) {
    }

    private Progress progress(Handle h, int primary) {
        return h.createQuery("SELECT primary_key_id, cursor, done FROM kek_rewrap_progress WHERE holding = :h")
                .bind("h", name)
                .map((rs, ctx) -> rs.getInt("primary_key_id") == primary
                        ? new Progress(rs.getString("cursor"), rs.getBoolean("done"))
                        : new Progress(null, false))
                .findOne().orElse(new Progress(null, false));
    }
}
