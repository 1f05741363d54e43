package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.FeatureStore;
import io.salus.core.cohort.PatientFacts;
import io.salus.core.port.KeyManager;
import io.salus.store.internal.AtRest;
import io.salus.store.internal.FeatureCodec;
import io.salus.store.internal.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Cohort features and patient facts in PostgreSQL, sealed under the node's KEK (tables {@code sealed_cohort_features}:
 * one sealed set per deposit, bound to the deposit and the patient; {@code sealed_patient_facts}: one per patient).
 * Nothing of them is readable in the database: codes, values, units, dates, birth dates and sexes only exist in memory,
 * opened while the cohort index is rebuilt. The static writers run inside the deposit's transaction, so features and
 * records commit together; the readers stream with a server-side cursor. Thread-safe.
 */
public final class PostgresFeatureStore implements FeatureStore {
    private static final int FETCH = 1_000;
    private static final String SELECT_FEATURES = """
            SELECT f.deposit_id, f.patient, a.address, f.sealed
              FROM sealed_cohort_features f JOIN account a ON a.id = f.patient""";
    private final Transactions tx;
    private final KeyManager keys;

    public PostgresFeatureStore(Jdbi jdbi, KeyManager keys) {
        this.tx = new Transactions(jdbi);
        this.keys = keys;
    }

    /** Seals and writes a deposit's features in the caller's transaction (nothing for a deposit without any). */
    public static void add(Handle h, KeyManager keys, UUID deposit, AccountId patient, List<RecordFeatures> records) {
        if (records.stream().allMatch(r -> r.features().isEmpty())) {
            return;
        }
        h.createUpdate("""
                INSERT INTO sealed_cohort_features (deposit_id, patient, sealed) VALUES (:deposit, :patient, :sealed)
                ON CONFLICT (deposit_id) DO NOTHING""")
                .bind("deposit", deposit)
                .bind("patient", patient.value())
                .bind("sealed", keys.sealValue(FeatureCodec.encode(records), AtRest.featuresAad(deposit, patient)))
                .execute();
    }

    /** Seals and writes (or replaces) a patient's facts in the caller's transaction. */
    public static void putFacts(Handle h, KeyManager keys, AccountId patient, PatientFacts facts) {
        h.createUpdate("""
                INSERT INTO sealed_patient_facts (patient, sealed) VALUES (:patient, :sealed)
                ON CONFLICT (patient) DO UPDATE SET sealed = EXCLUDED.sealed""")
                .bind("patient", patient.value())
                .bind("sealed", keys.sealValue(FeatureCodec.encode(facts), AtRest.factsAad(patient)))
                .execute();
    }

    @Override
    public void forEachFeature(Consumer<StoredFeature> sink) {
        tx.inTransaction("stream cohort features", h -> {
            h.createQuery(SELECT_FEATURES + " ORDER BY f.seq")
                    .setFetchSize(FETCH)
                    .map((rs, ctx) -> features(rs))
                    .forEach(list -> list.forEach(sink));
            return null;
        });
    }

    /** The features stored for one patient, in storage order. */
    public List<StoredFeature> features(AccountId patient) {
        return tx.inTransaction("list a patient's cohort features", h -> h.createQuery(SELECT_FEATURES
                + " WHERE f.patient = :p ORDER BY f.seq")
                .bind("p", patient.value())
                .map((rs, ctx) -> features(rs))
                .list().stream().flatMap(List::stream).toList());
    }

    @Override
    public void forEachFacts(Consumer<StoredFacts> sink) {
        tx.inTransaction("stream patient facts", h -> {
            h.createQuery("""
                    SELECT c.patient, a.address, c.sealed
                      FROM sealed_patient_facts c JOIN account a ON a.id = c.patient ORDER BY c.patient""")
                    .setFetchSize(FETCH)
                    .map((rs, ctx) -> {
                        AccountId patient = new AccountId(rs.getObject("patient", UUID.class));
                        byte[] plain = AtRest.open(keys, rs.getBytes("sealed"), AtRest.factsAad(patient),
                                "the facts of patient " + patient);
                        return new StoredFacts(patient, new EvmAddress(rs.getString("address")),
                                FeatureCodec.decodeFacts(plain));
                    })
                    .forEach(sink);
            return null;
        });
    }

    private List<StoredFeature> features(ResultSet rs) throws SQLException {
        UUID deposit = rs.getObject("deposit_id", UUID.class);
        AccountId patient = new AccountId(rs.getObject("patient", UUID.class));
        EvmAddress address = new EvmAddress(rs.getString("address"));
        byte[] plain = AtRest.open(keys, rs.getBytes("sealed"), AtRest.featuresAad(deposit, patient),
                "the cohort features of deposit " + deposit);
        List<StoredFeature> out = new ArrayList<>();
        for (RecordFeatures r : FeatureCodec.decode(plain)) {
            for (Feature f : r.features()) {
                out.add(new StoredFeature(patient, address, r.record(), f));
            }
        }
        return out;
    }
}
