package io.salus.store.migration;

import io.salus.core.account.AccountId;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.FeatureStore.RecordFeatures;
import io.salus.core.cohort.PatientFacts;
import io.salus.core.port.KeyManager;
import io.salus.core.port.KeyPurpose;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordId;
import io.salus.store.PostgresFeatureStore;
import io.salus.store.internal.AtRest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 31: seals, with the node's keys, what a node older than V30 kept in clear: patient identifiers become
 * blind indexes, idempotency keys blind indexes, request hashes keyed hashes, record salts and FHIR ids sealed values,
 * cohort features and patient facts sealed sets. One transaction (Flyway's), so a crash leaves the old rows or the
 * converted ones, never a mix. A database with nothing to convert (every new one) needs no keys; one with rows to
 * convert and no keys stops the migration. Thread-safe (stateless apart from the keys).
 */
public final class SealAtRest implements JavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(SealAtRest.class);
    private final Optional<KeyManager> keys;

    public SealAtRest(Optional<KeyManager> keys) {
        this.keys = keys;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("31");
    }

    @Override
    public String getDescription() {
        return "seal at rest";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        Handle h = Jdbi.open(context.getConnection());
        long clear = count(h, "patient_identifier") + count(h, "cohort_feature") + count(h, "cohort_patient_facts")
                + count(h, "sealed_record") + count(h, "deposit");
        if (clear == 0) {
            return;
        }
        KeyManager k = keys.orElseThrow(() -> new IllegalStateException(
                "the database holds rows an older node kept in clear; sealing them needs the node's keys"));
        identifiers(h, k);
        deposits(h, k);
        records(h, k);
        int features = features(h, k);
        int facts = facts(h, k);
        LOG.info("Sealed at rest: {} clear rows converted ({} feature sets, {} patients' facts)", clear, features,
                facts);
    }

    private static long count(Handle h, String table) {
        return h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one();
    }

    private static void identifiers(Handle h, KeyManager k) {
        var insert = h.prepareBatch("""
                INSERT INTO patient_identifier_index (patient, blind_index) VALUES (:p, :i) ON CONFLICT DO NOTHING""");
        h.createQuery("SELECT patient, identifier FROM patient_identifier").map((rs, ctx) -> {
            AccountId p = new AccountId(rs.getObject("patient", UUID.class));
            return insert.bind("p", p.value()).bind("i", AtRest.identifierIndex(k, p, rs.getString("identifier"))
                    .bytes()).add();
        }).list();
        if (insert.size() > 0) {
            insert.execute();
        }
    }

    private static void deposits(Handle h, KeyManager k) {
        var update = h.prepareBatch("UPDATE deposit SET idempotency_key = :key, request_hash = :hash WHERE id = :id");
        h.createQuery("SELECT id, author, idempotency_key, request_hash FROM deposit").map((rs, ctx) -> {
            String key = rs.getString("idempotency_key");
            AccountId author = new AccountId(rs.getObject("author", UUID.class));
            return update.bind("id", rs.getObject("id", UUID.class))
                    .bind("key", key == null ? null : AtRest.idempotencyIndex(k, author, key))
                    .bind("hash", k.keyedHash(KeyPurpose.RECORD_HASH, rs.getBytes("request_hash")).bytes()).add();
        }).list();
        if (update.size() > 0) {
            update.execute();
        }
    }

    private static void records(Handle h, KeyManager k) {
        var update = h.prepareBatch("UPDATE sealed_record SET salt = :salt, fhir_id = :fhirId WHERE id = :id");
        h.createQuery("SELECT id, salt, fhir_id FROM sealed_record").map((rs, ctx) -> {
            UUID id = rs.getObject("id", UUID.class);
            byte[] fhirId = rs.getBytes("fhir_id");
            return update.bind("id", id)
                    .bind("salt", k.sealValue(rs.getBytes("salt"), RecordBinding.saltAssociatedData(new RecordId(id))))
                    .bindByType("fhirId", fhirId == null ? null : k.sealValue(fhirId, AtRest.fhirIdAad(id)),
                            byte[].class)
                    .add();
        }).list();
        if (update.size() > 0) {
            update.execute();
        }
    }

    private record Owned(AccountId patient, Map<RecordId, List<Feature>> records) {
    }

    private static int features(Handle h, KeyManager k) {
        Map<UUID, Owned> byDeposit = new LinkedHashMap<>();
        h.createQuery("""
                SELECT r.deposit_id, f.patient, f.record_id, f.kind, f.system, f.code, f.value, f.unit, f.date
                  FROM cohort_feature f JOIN sealed_record r ON r.id = f.record_id
                 ORDER BY r.deposit_id, f.seq""").map((rs, ctx) -> {
            double v = rs.getDouble("value");
            Optional<Double> value = rs.wasNull() ? Optional.empty() : Optional.of(v);
            Feature f = new Feature(FeatureKind.valueOf(rs.getString("kind")), rs.getString("system"),
                    rs.getString("code"), value, Optional.ofNullable(rs.getString("unit")),
                    Optional.ofNullable(rs.getObject("date", LocalDate.class)));
            AccountId patient = new AccountId(rs.getObject("patient", UUID.class));
            return byDeposit.computeIfAbsent(rs.getObject("deposit_id", UUID.class),
                    d -> new Owned(patient, new LinkedHashMap<>())).records()
                    .computeIfAbsent(new RecordId(rs.getObject("record_id", UUID.class)),
                            r -> new ArrayList<>())
                    .add(f);
        }).list();
        byDeposit.forEach((deposit, owned) -> PostgresFeatureStore.add(h, k, deposit, owned.patient(),
                owned.records().entrySet().stream().map(e -> new RecordFeatures(e.getKey(), e.getValue())).toList()));
        return byDeposit.size();
    }

    private static int facts(Handle h, KeyManager k) {
        List<Map.Entry<AccountId, PatientFacts>> facts = h.createQuery(
                "SELECT patient, birth_date, sex FROM cohort_patient_facts").map(
                        (rs, ctx) -> Map.entry(
                                new AccountId(rs.getObject("patient", UUID.class)),
                                new PatientFacts(Optional.ofNullable(rs.getObject("birth_date", LocalDate.class)),
                                        Optional.ofNullable(rs.getString("sex")))))
                .list();
        facts.forEach(e -> PostgresFeatureStore.putFacts(h, k, e.getKey(), e.getValue()));
        return facts.size();
    }
}
