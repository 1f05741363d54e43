package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.FeatureStore;
import io.salus.core.cohort.PatientFacts;
import io.salus.core.record.RecordId;
import io.salus.store.internal.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Cohort features and patient facts in PostgreSQL (tables {@code cohort_feature}, {@code cohort_patient_facts}).
 * Features are keyed by (record, position in the record): adding a record's features again changes nothing. The
 * static {@link #add(Handle, AccountId, List)} and {@link #putFacts(Handle, AccountId, PatientFacts)} write inside a
 * caller's transaction (the deposit's, so features and records commit together); the instance methods run their own.
 * Rebuild reads stream with a server-side cursor. Thread-safe.
 */
public final class PostgresFeatureStore implements FeatureStore {
    private static final int FETCH = 10_000;
    private static final String SELECT_FEATURES = """
            SELECT f.patient, a.address, f.record_id, f.kind, f.system, f.code, f.value, f.unit, f.date
              FROM cohort_feature f JOIN account a ON a.id = f.patient""";
    private final Transactions tx;

    public PostgresFeatureStore(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public void add(AccountId patient, List<RecordFeatures> records) {
        tx.inTransaction("store cohort features", h -> {
            add(h, patient, records);
            return null;
        });
    }

    /** Writes features in the caller's transaction (the records must be stored already, in it or before). */
    public static void add(Handle h, AccountId patient, List<RecordFeatures> records) {
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO cohort_feature (record_id, n, patient, kind, system, code, value, unit, date)
                VALUES (:record, :n, :patient, :kind, :system, :code, :value, :unit, :date)
                ON CONFLICT (record_id, n) DO NOTHING""");
        int rows = 0;
        for (RecordFeatures r : records) {
            for (int n = 0; n < r.features().size(); n++) {
                Feature f = r.features().get(n);
                batch.bind("record", r.record().value())
                        .bind("n", n)
                        .bind("patient", patient.value())
                        .bind("kind", f.kind().name())
                        .bind("system", f.system())
                        .bind("code", f.code())
                        .bindByType("value", f.value().orElse(null), Double.class)
                        .bindByType("unit", f.unit().orElse(null), String.class)
                        .bindByType("date", f.date().orElse(null), LocalDate.class)
                        .add();
                rows++;
            }
        }
        if (rows > 0) {
            batch.execute();
        }
    }

    @Override
    public void putFacts(AccountId patient, PatientFacts facts) {
        tx.inTransaction("store patient facts", h -> {
            putFacts(h, patient, facts);
            return null;
        });
    }

    /** Writes (or replaces) a patient's facts in the caller's transaction. */
    public static void putFacts(Handle h, AccountId patient, PatientFacts facts) {
        h.createUpdate("""
                INSERT INTO cohort_patient_facts (patient, birth_date, sex) VALUES (:patient, :birth, :sex)
                ON CONFLICT (patient) DO UPDATE SET birth_date = EXCLUDED.birth_date, sex = EXCLUDED.sex""")
                .bind("patient", patient.value())
                .bindByType("birth", facts.birthDate().orElse(null), LocalDate.class)
                .bindByType("sex", facts.sex().orElse(null), String.class)
                .execute();
    }

    @Override
    public void forEachFeature(Consumer<StoredFeature> sink) {
        tx.inTransaction("stream cohort features", h -> {
            h.createQuery(SELECT_FEATURES + " ORDER BY f.seq")
                    .setFetchSize(FETCH)
                    .map((rs, ctx) -> feature(rs))
                    .forEach(sink);
            return null;
        });
    }

    /** The features stored for one patient, in storage order. */
    public List<StoredFeature> features(AccountId patient) {
        return tx.inTransaction("list a patient's cohort features", h -> h.createQuery(SELECT_FEATURES
                + " WHERE f.patient = :p ORDER BY f.seq")
                .bind("p", patient.value())
                .map((rs, ctx) -> feature(rs))
                .list());
    }

    @Override
    public void forEachFacts(Consumer<StoredFacts> sink) {
        tx.inTransaction("stream patient facts", h -> {
            h.createQuery("""
                    SELECT c.patient, a.address, c.birth_date, c.sex
                      FROM cohort_patient_facts c JOIN account a ON a.id = c.patient ORDER BY c.patient""")
                    .setFetchSize(FETCH)
                    .map((rs, ctx) -> new StoredFacts(new AccountId(rs.getObject("patient", UUID.class)),
                            new EvmAddress(rs.getString("address")),
                            new PatientFacts(Optional.ofNullable(rs.getObject("birth_date", LocalDate.class)),
                                    Optional.ofNullable(rs.getString("sex")))))
                    .forEach(sink);
            return null;
        });
    }

    private static StoredFeature feature(ResultSet rs) throws SQLException {
        double v = rs.getDouble("value");
        Optional<Double> value = rs.wasNull() ? Optional.empty() : Optional.of(v);
        Feature f = new Feature(FeatureKind.valueOf(rs.getString("kind")), rs.getString("system"),
                rs.getString("code"), value, Optional.ofNullable(rs.getString("unit")),
                Optional.ofNullable(rs.getObject("date", LocalDate.class)));
        return new StoredFeature(new AccountId(rs.getObject("patient", UUID.class)),
                new EvmAddress(rs.getString("address")), new RecordId(rs.getObject("record_id", UUID.class)), f);
    }
}
