package io.salus.store.internal;

import io.salus.core.merkle.Hash32;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;

/**
 * Conversions between domain values and SQL. Instants are truncated to microseconds (PostgreSQL's precision) on the
 * way in, so what is read back equals what was written after {@link #micros}. Stateless.
 */
public final class Sql {
    private Sql() {
    }

    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** A {@code timestamptz} argument. */
    public static Argument ts(Instant instant) {
        return (pos, st, ctx) -> {
            if (instant == null) {
                st.setNull(pos, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                st.setObject(pos, OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC));
            }
        };
    }

    /** A {@code text[]} argument. */
    public static Argument textArray(List<String> values) {
        return array("text", values.toArray());
    }

    /** An SQL array argument of {@code type} ({@code uuid}, {@code int4}, {@code bytea}, ...). */
    public static Argument array(String type, Object[] values) {
        return (pos, st, ctx) -> st.setArray(pos, st.getConnection().createArrayOf(type, values));
    }

    /** A {@code uuid[]} argument. */
    public static Argument uuidArray(List<UUID> values) {
        return array("uuid", values.toArray());
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static Hash32 hash(ResultSet rs, String column) throws SQLException {
        return Hash32.of(rs.getBytes(column));
    }

    public static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    public static String[] textArray(ResultSet rs, String column) throws SQLException {
        java.sql.Array a = rs.getArray(column);
        return a == null ? new String[0] : (String[]) a.getArray();
    }

    /** A Merkle proof as stored: its 32-byte hashes concatenated. */
    public static byte[] proofBytes(List<Hash32> proof) {
        byte[] out = new byte[proof.size() * 32];
        for (int i = 0; i < proof.size(); i++) {
            System.arraycopy(proof.get(i).bytes(), 0, out, i * 32, 32);
        }
        return out;
    }

    public static List<Hash32> proof(byte[] bytes) {
        List<Hash32> out = new ArrayList<>(bytes.length / 32);
        for (int i = 0; i + 32 <= bytes.length; i += 32) {
            out.add(Hash32.of(Arrays.copyOfRange(bytes, i, i + 32)));
        }
        return List.copyOf(out);
    }

    /** The 16 bytes of a UUID, most significant first. */
    public static byte[] uuidBytes(UUID id) {
        return java.nio.ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }
}
