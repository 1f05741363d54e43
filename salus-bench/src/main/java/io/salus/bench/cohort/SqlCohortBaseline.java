package io.salus.bench.cohort;

import io.salus.bench.BaselineSql;
import io.salus.core.cohort.Criterion;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.PatientFacts;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The baseline: the same features in a normalised feature table, the OMOP / i2b2 way, in the node's PostgreSQL:
 * {@code bench.cohort_feature (patient, kind, system, code, value, unit, date)}, one row per feature, and
 * {@code bench.cohort_patient (patient, birth_date, sex)}; indexed as a tuned installation would be for these
 * queries: a covering B-tree on (code, system, kind, value) including (patient, unit, date) for code and threshold
 * look-ups, another on (code, system, kind, date) including (patient, value, unit) for date windows (both
 * index-only after {@code VACUUM}), and (birth_date, patient) and (sex, patient) on patients. Counts run the
 * {@link CriterionSql} translation on one connection without parallel workers (one core, like the index) and with
 * {@code work_mem} at 256 MB so set operations stay in memory. Rows are appended in stages ({@link #append}, then
 * {@link #index}: indexes dropped, rows copied, indexes rebuilt, analysed). Not thread-safe.
 */
public final class SqlCohortBaseline implements AutoCloseable {
    private static final int COPY_CHUNK = 1 << 16;
    private static final String[] INDEXES = {
            "CREATE INDEX cohort_feature_value_idx ON bench.cohort_feature (code, system, kind, value)"
                    + " INCLUDE (patient, unit, date)",
            "CREATE INDEX cohort_feature_date_idx ON bench.cohort_feature (code, system, kind, date)"
                    + " INCLUDE (patient, value, unit)",
            "CREATE INDEX cohort_patient_birth_idx ON bench.cohort_patient (birth_date, patient)",
            "CREATE INDEX cohort_patient_sex_idx ON bench.cohort_patient (sex, patient)"};

    private final Connection connection;
    private final StringBuilder features = new StringBuilder(COPY_CHUNK + 4096);
    /** Patient rows wait here until {@link #index} (one COPY at a time per connection). */
    private final StringBuilder patients = new StringBuilder(COPY_CHUNK + 4096);
    private CopyIn featureCopy;
    private long featureRows;
    private long patientRows;

    private SqlCohortBaseline(Connection connection) {
        this.connection = connection;
    }

    /** (Re)creates the {@code bench} cohort tables, empty. */
    public static SqlCohortBaseline create(DataSource db) {
        try {
            return new SqlCohortBaseline(BaselineSql.open(db,
                    "DROP TABLE IF EXISTS bench.cohort_feature, bench.cohort_patient",
                    "CREATE TABLE bench.cohort_patient (patient integer PRIMARY KEY, birth_date date, sex text)",
                    "CREATE TABLE bench.cohort_feature (patient integer NOT NULL, kind smallint NOT NULL,"
                            + " system text NOT NULL, code text NOT NULL, value double precision, unit text, date date)",
                    "SET max_parallel_workers_per_gather = 0", "SET work_mem = '256MB'",
                    "SET maintenance_work_mem = '1GB'"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the SQL cohort baseline", e);
        }
    }

    /** Copies one patient's facts and features (streamed; visible after {@link #index}). */
    public void append(PatientFeatures p) {
        try {
            if (featureCopy == null) {
                for (String i : List.of("cohort_feature_value_idx", "cohort_feature_date_idx",
                        "cohort_patient_birth_idx", "cohort_patient_sex_idx")) {
                    execute("DROP INDEX IF EXISTS bench." + i);
                }
            }
            PatientFacts f = p.facts();
            patients.append(p.index()).append('\t').append(f.birthDate().map(LocalDate::toString).orElse("\\N"))
                    .append('\t').append(f.sex().map(SqlCohortBaseline::text).orElse("\\N")).append('\n');
            patientRows++;
            for (Feature x : p.features()) {
                features.append(p.index()).append('\t').append(x.kind().ordinal()).append('\t')
                        .append(text(x.system())).append('\t').append(text(x.code())).append('\t')
                        .append(x.value().map(String::valueOf).orElse("\\N")).append('\t')
                        .append(x.unit().map(SqlCohortBaseline::text).orElse("\\N")).append('\t')
                        .append(x.date().map(LocalDate::toString).orElse("\\N")).append('\n');
                featureRows++;
            }
            if (features.length() >= COPY_CHUNK) {
                flushFeatures();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy into the SQL cohort baseline", e);
        }
    }

    /** Ends the copy, (re)builds the indexes, and vacuums and analyses both tables. */
    public void index() {
        try {
            flushFeatures();
            featureCopy = endCopy(featureCopy);
            if (!patients.isEmpty()) {
                CopyIn copy = copyIn("COPY bench.cohort_patient FROM STDIN");
                byte[] b = patients.toString().getBytes(StandardCharsets.UTF_8);
                patients.setLength(0);
                copy.writeToCopy(b, 0, b.length);
                endCopy(copy);
            }
            for (String sql : INDEXES) {
                execute(sql);
            }
            execute("VACUUM ANALYZE bench.cohort_feature");
            execute("VACUUM ANALYZE bench.cohort_patient");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot index the SQL cohort baseline", e);
        }
    }

    private void flushFeatures() throws SQLException {
        if (features.isEmpty()) {
            return;
        }
        if (featureCopy == null) {
            featureCopy = copyIn("COPY bench.cohort_feature FROM STDIN");
        }
        byte[] b = features.toString().getBytes(StandardCharsets.UTF_8);
        featureCopy.writeToCopy(b, 0, b.length);
        features.setLength(0);
    }

    private CopyIn copyIn(String sql) throws SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    }

    private static CopyIn endCopy(CopyIn copy) throws SQLException {
        if (copy != null && copy.isActive()) {
            copy.endCopy();
        }
        return null;
    }

    /** Patients matching {@code c} at {@code at}: one run of the translated query. */
    public long count(Criterion c, LocalDate at) {
        return count(prepare(c, at));
    }

    /** A prepared count of {@code c} (the caller closes it). */
    public PreparedStatement prepare(Criterion c, LocalDate at) {
        CriterionSql.Query q = CriterionSql.count(c, at);
        try {
            PreparedStatement ps = connection.prepareStatement(q.sql());
            for (int i = 0; i < q.params().size(); i++) {
                ps.setObject(i + 1, q.params().get(i));
            }
            return ps;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare " + q.sql(), e);
        }
    }

    /** Runs a prepared count. */
    public static long count(PreparedStatement ps) {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("the SQL cohort count failed", e);
        }
    }

    public long featureRows() {
        return featureRows;
    }

    public long patientRows() {
        return patientRows;
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static String text(String s) {
        return s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0
                ? s
                : s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    @Override
    public void close() {
        try {
            featureCopy = endCopy(featureCopy);
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(SqlCohortBaseline.class).warn("ending copy: {}", e.toString());
        }
        BaselineSql.closeQuietly(connection);
    }
}
