package io.salus.store;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.newAccount;
import static io.salus.testkit.data.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.NewAccount;
import io.salus.core.cohort.CodeSystems;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.FeatureStore.StoredFacts;
import io.salus.core.cohort.FeatureStore.StoredFeature;
import io.salus.core.cohort.PatientFacts;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.KeyPurpose;
import io.salus.core.port.RecordStore.IdentifierMatch;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordId;
import io.salus.core.record.StoredRecord;
import io.salus.store.internal.Sql;
import io.salus.testkit.data.StoreFixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database an older node wrote (schema V8: identifiers, cohort features, facts, salts and FHIR ids in clear, unkeyed
 * request and content hashes) is sealed by the migration that needs the node's keys, and everything it held still
 * works: look-ups by identifier and idempotency key, features, facts, salts, FHIR ids.
 */
class SealAtRestMigrationIT {
    static final Feature HBA1C = new Feature(FeatureKind.OBSERVATION, CodeSystems.LOINC, "4548-4", Optional.of(6.7),
            Optional.of("%"), Optional.of(LocalDate.of(2023, 5, 1)));
    static final String SSN = "http://hl7.org/fhir/sid/us-ssn|999-61-7421";

    record Old(AccountId patient, AccountId doctor, UUID deposit, RecordId record, Hash32 salt, Hash32 requestHash) {
    }

    @Test
    void anOlderNodesClearRows_areSealedByTheMigration_andEveryLookUpStillWorks(@TempDir Path dir) {
        try (EmbeddedPostgresEngine engine = EmbeddedPostgresEngine.start(dir)) {
            Old old = olderNode(engine);
            try (Database db = Database.embedded(engine, StoreFixtures.keys())) {
                Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
                PostgresRecordStore records = new PostgresRecordStore(db.jdbi(), clock, StoreFixtures.keys());
                PostgresFeatureStore features = new PostgresFeatureStore(db.jdbi(), StoreFixtures.keys());

                assertThat(records.matchIdentifiers(old.patient(), Set.of(SSN))).isEqualTo(IdentifierMatch.SHARED);
                assertThat(records.matchIdentifiers(old.patient(), Set.of("urn:x|1")))
                        .isEqualTo(IdentifierMatch.NONE_SHARED);
                assertThat(records.findDeposit(old.doctor(), "visit-7").orElseThrow().requestHash()).isEqualTo(
                        StoreFixtures.keys().keyedHash(KeyPurpose.RECORD_HASH, old.requestHash().bytes()));
                StoredRecord r = records.find(old.record()).orElseThrow();
                assertThat(r.fhirId()).isEqualTo("obs-1");
                assertThat(StoreFixtures.keys().openValue(r.sealedSalt(), RecordBinding.saltAssociatedData(r.id()))
                        .orElseThrow()).isEqualTo(old.salt().bytes());
                assertThat(features.features(old.patient())).extracting(StoredFeature::feature).containsExactly(HBA1C);
                List<StoredFacts> facts = new ArrayList<>();
                features.forEachFacts(facts::add);
                assertThat(facts).extracting(StoredFacts::facts).containsExactly(
                        new PatientFacts(Optional.of(LocalDate.of(1961, 7, 30)), Optional.of("female")));

                String dump = db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT string_agg(t::text, ' ') FROM (
                            SELECT d::text AS t FROM deposit d UNION ALL SELECT r::text FROM sealed_record r
                            UNION ALL SELECT i::text FROM patient_identifier_index i
                            UNION ALL SELECT f::text FROM sealed_cohort_features f
                            UNION ALL SELECT p::text FROM sealed_patient_facts p) x""").mapTo(String.class).one());
                assertThat(dump).doesNotContain("999-61-7421", "visit-7", "obs-1", "4548-4", "1961-07-30",
                        old.salt().hex().substring(2));
                List<String> tables = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'salus'")
                        .mapTo(String.class).list());
                assertThat(tables).doesNotContain("patient_identifier", "cohort_feature", "cohort_patient_facts");
            }
        }
    }

    @Test
    void clearRowsWithoutTheNodesKeys_stopTheMigration_andStayAsTheyWere(@TempDir Path dir) {
        try (EmbeddedPostgresEngine engine = EmbeddedPostgresEngine.start(dir)) {
            olderNode(engine);
            assertThatThrownBy(() -> Database.embedded(engine)).isInstanceOf(SalusException.class)
                    .hasMessageContaining("needs the node's keys");
            Jdbi jdbi = Jdbi.create(engine.jdbcUrl(), engine.user(), engine.password());
            int clear = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM salus.patient_identifier")
                    .mapTo(Integer.class).one());
            assertThat(clear).isEqualTo(1);
        }
    }

    /** Migrates to V8 (the schema before sealing at rest) and writes what an older node wrote for one deposit. */
    private static Old olderNode(EmbeddedPostgresEngine engine) {
        Flyway.configure().dataSource(engine.jdbcUrl(), engine.user(), engine.password())
                .schemas(Database.SCHEMA).createSchemas(true).locations("classpath:db/migration").target("8").load()
                .migrate();
        Jdbi jdbi = Jdbi.create(engine.jdbcUrl() + "?currentSchema=salus", engine.user(), engine.password());
        NewAccount patient = newAccount(AccountKind.PATIENT, T0);
        NewAccount doctor = newAccount(AccountKind.PHYSICIAN, T0);
        UUID deposit = UUID.randomUUID();
        RecordId record = RecordId.random();
        Hash32 salt = StoreFixtures.hash();
        Hash32 requestHash = StoreFixtures.hash();
        try (Handle h = jdbi.open()) {
            new PostgresAccountStore(jdbi, Clock.fixed(T0, ZoneOffset.UTC)).create(patient, registration(patient));
            new PostgresAccountStore(jdbi, Clock.fixed(T0, ZoneOffset.UTC)).create(doctor, registration(doctor));
            AccountId p = patient.account().id();
            h.createUpdate("""
                    INSERT INTO deposit (id, patient, author, source, deposited_at, idempotency_key, request_hash)
                    VALUES (:id, :p, :a, 'fhir-bundle', :at, 'visit-7', :h)""").bind("id", deposit)
                    .bind("p", p.value()).bind("a", doctor.account().id().value()).bind("at", Sql.ts(T0))
                    .bind("h", requestHash.bytes()).execute();
            h.createUpdate("""
                    INSERT INTO sealed_record (id, deposit_id, patient, category, resource_type, fhir_id, ciphertext,
                        wrapped_key_node, wrapped_key_patient, salt, content_hash, leaf, author, source, deposited_at)
                    VALUES (:id, :d, :p, 'LAB_RESULTS', 'Observation', 'obs-1', :c, :kn, :kp, :s, :ch, :l, :a,
                        'fhir-bundle', :at)""").bind("id", record.value()).bind("d", deposit).bind("p", p.value())
                    .bind("c", StoreFixtures.bytes(100)).bind("kn", StoreFixtures.bytes(60))
                    .bind("kp", StoreFixtures.bytes(90)).bind("s", salt.bytes())
                    .bind("ch", StoreFixtures.bytes(32)).bind("l", StoreFixtures.bytes(32))
                    .bind("a", doctor.account().id().value()).bind("at", Sql.ts(T0)).execute();
            h.createUpdate("INSERT INTO patient_identifier (patient, identifier) VALUES (:p, :i)")
                    .bind("p", p.value()).bind("i", SSN).execute();
            h.createUpdate("""
                    INSERT INTO cohort_feature (record_id, n, patient, kind, system, code, value, unit, date)
                    VALUES (:r, 0, :p, 'OBSERVATION', :sys, '4548-4', 6.7, '%', DATE '2023-05-01')""")
                    .bind("r", record.value()).bind("p", p.value()).bind("sys", CodeSystems.LOINC).execute();
            h.createUpdate("""
                    INSERT INTO cohort_patient_facts (patient, birth_date, sex)
                    VALUES (:p, DATE '1961-07-30', 'female')""").bind("p", p.value()).execute();
            return new Old(p, doctor.account().id(), deposit, record, salt, requestHash);
        }
    }
}
