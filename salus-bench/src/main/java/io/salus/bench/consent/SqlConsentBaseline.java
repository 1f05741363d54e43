package io.salus.bench.consent;

import io.salus.bench.BaselineSql;
import io.salus.core.consent.Grant;
import io.salus.core.consent.GrantTerms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The baseline: the same grants in PostgreSQL, in {@code bench.consent_grant} with the columns of the node's own
 * projection ({@code salus.consent_grant}: patient address as text, masks as integers, the window as timestamptz, an
 * index on (patient, id)), evaluated row by row with {@link io.salus.core.consent.ConsentPolicy}'s rules for a standing grant as SQL:
 * category bit, type bits, purpose bit, in the window, not revoked at the block, no named consumer. Bulk is one
 * {@code count(DISTINCT patient)}; a single decision is a per-patient {@code EXISTS} through a prepared statement. Holds
 * one connection of its own; the bulk query runs without parallel workers (one core) unless {@link #parallel} allows
 * them. Not thread-safe.
 *
 * @see io.salus.core.consent.ConsentPolicy
 */
public final class SqlConsentBaseline implements AutoCloseable {
    private static final String RULES = "categories & ? <> 0 AND attestation_types & ? <> 0 AND purposes & ? <> 0"
            + " AND valid_from <= ? AND ? < valid_until AND (revoked_at_block IS NULL OR revoked_at_block > ?)"
            + " AND named_consumer IS NULL";
    private static final int COPY_CHUNK = 1 << 16;

    private final Connection connection;
    private final PreparedStatement bulk;
    private final PreparedStatement single;
    private final long rows;

    private SqlConsentBaseline(Connection connection, long rows) throws SQLException {
        this.connection = connection;
        this.rows = rows;
        this.bulk = connection.prepareStatement("SELECT count(DISTINCT patient) FROM bench.consent_grant WHERE "
                + RULES);
        this.single = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM bench.consent_grant WHERE patient = ?"
                + " AND " + RULES + ")");
    }

    /** (Re)creates {@code bench.consent_grant}, copies the population in, indexes and analyses it. */
    public static SqlConsentBaseline load(DataSource db, GrantPopulation population) {
        Connection c = null;
        try {
            c = BaselineSql.open(db, "DROP TABLE IF EXISTS bench.consent_grant",
                    "CREATE TABLE bench.consent_grant (id bigint PRIMARY KEY, patient text NOT NULL,"
                            + " signer text NOT NULL, categories bigint NOT NULL, attestation_types integer NOT NULL,"
                            + " purposes integer NOT NULL, valid_from timestamptz NOT NULL,"
                            + " valid_until timestamptz NOT NULL, min_price bigint NOT NULL, named_consumer text,"
                            + " granted_at_block bigint NOT NULL, revoked_at_block bigint)");
            long rows = copy(c, population.grants().iterator());
            try (Statement s = c.createStatement()) {
                s.execute("CREATE INDEX consent_grant_patient_idx ON bench.consent_grant (patient, id)");
                s.execute("VACUUM ANALYZE bench.consent_grant");
                s.execute("SET max_parallel_workers_per_gather = 0");
            }
            return new SqlConsentBaseline(c, rows);
        } catch (SQLException | IOException e) {
            BaselineSql.closeQuietly(c);
            throw new IllegalStateException("cannot load the SQL consent baseline", e);
        }
    }

    private static long copy(Connection c, Iterator<Grant> grants) throws SQLException, IOException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench.consent_grant FROM STDIN");
        long rows = 0;
        StringBuilder b = new StringBuilder(COPY_CHUNK + 512);
        try {
            while (grants.hasNext()) {
                row(b, grants.next());
                rows++;
                if (b.length() >= COPY_CHUNK || !grants.hasNext()) {
                    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
                    in.writeToCopy(bytes, 0, bytes.length);
                    b.setLength(0);
                }
            }
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        return rows;
    }

    private static void row(StringBuilder b, Grant g) {
        GrantTerms t = g.terms();
        b.append(g.id()).append('\t').append(t.patient().hex()).append('\t').append(g.signer().hex()).append('\t')
                .append(t.categories()).append('\t').append(t.attestationTypes()).append('\t').append(t.purposes())
                .append('\t').append(t.validFrom()).append('\t').append(t.validUntil()).append('\t')
                .append(t.minPrice()).append('\t').append(t.namedConsumer().map(a -> a.hex()).orElse("\\N"))
                .append('\t').append(g.grantedAtBlock()).append('\t')
                .append(g.revokedAtBlock().map(String::valueOf).orElse("\\N")).append('\n');
    }

    /** Rows loaded (grants). */
    public long rows() {
        return rows;
    }

    /** Allows (or forbids) PostgreSQL's parallel workers for the bulk query on this connection. */
    public void parallel(boolean allowed) {
        try (Statement s = connection.createStatement()) {
            s.execute(allowed ? "RESET max_parallel_workers_per_gather" : "SET max_parallel_workers_per_gather = 0");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set parallel workers", e);
        }
    }

    /** Patients {@code q} permits: one row-by-row pass over every grant. */
    public long count(ConsentQuery q) {
        try {
            bind(bulk, 1, q);
            try (ResultSet rs = bulk.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the SQL bulk evaluation failed", e);
        }
    }

    /** One decision: does {@code q} permit the patient with this address? */
    public boolean permits(String patientHex, ConsentQuery q) {
        try {
            single.setString(1, patientHex);
            bind(single, 2, q);
            try (ResultSet rs = single.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the SQL single evaluation failed", e);
        }
    }

    private static void bind(PreparedStatement ps, int first, ConsentQuery q) throws SQLException {
        OffsetDateTime at = OffsetDateTime.ofInstant(GrantPopulation.NOW, ZoneOffset.UTC);
        ps.setLong(first, q.category().mask());
        ps.setInt(first + 1, q.typesMask());
        ps.setInt(first + 2, q.purpose().mask());
        ps.setObject(first + 3, at);
        ps.setObject(first + 4, at);
        ps.setLong(first + 5, GrantPopulation.HEAD);
    }

    @Override
    public void close() {
        try {
            parallel(true);
        } finally {
            BaselineSql.closeQuietly(connection);
        }
    }
}
