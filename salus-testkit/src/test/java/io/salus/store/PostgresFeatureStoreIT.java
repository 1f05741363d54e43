package io.salus.store;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.anchorRequest;
import static io.salus.testkit.data.StoreFixtures.newAccount;
import static io.salus.testkit.data.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.account.NewAccount;
import io.salus.core.cohort.CodeSystems;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.FeatureStore.RecordFeatures;
import io.salus.core.cohort.FeatureStore.StoredFacts;
import io.salus.core.cohort.FeatureStore.StoredFeature;
import io.salus.core.cohort.PatientFacts;
import io.salus.core.error.SalusException;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.RecordId;
import io.salus.testkit.data.StoreFixtures;
import io.salus.testkit.postgres.WithPostgres;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class PostgresFeatureStoreIT {
    static Database db;
    static PostgresAccountStore accounts;
    static PostgresRecordStore records;
    static PostgresFeatureStore features;
    static AccountId doctor;

    @BeforeAll
    static void start(Database database) {
        db = database;
        accounts = new PostgresAccountStore(db.jdbi(), Clock.fixed(T0, ZoneOffset.UTC));
        records = new PostgresRecordStore(db.jdbi(), Clock.fixed(T0, ZoneOffset.UTC), StoreFixtures.keys());
        features = new PostgresFeatureStore(db.jdbi(), StoreFixtures.keys());
        doctor = create(AccountKind.PHYSICIAN).account().id();
    }

    static NewAccount create(AccountKind kind) {
        NewAccount a = newAccount(kind, T0);
        accounts.create(a, registration(a));
        return a;
    }

    /** Deposits {@code n} records for the patient, the features of record i being {@code features.get(i)}. */
    static List<RecordId> deposit(AccountId patient, int n, List<List<Feature>> features,
            Optional<PatientFacts> facts) {
        NewDeposit plain = StoreFixtures.deposit(doctor, patient, n, Optional.empty(), T0);
        List<RecordFeatures> byRecord = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            byRecord.add(new RecordFeatures(plain.records().get(i).id(), features.get(i)));
        }
        NewDeposit d = new NewDeposit(plain.provenance(), patient, Optional.empty(), plain.requestHash(),
                plain.records(), plain.patientIdentifiers(), byRecord, facts);
        records.saveDeposit(d, anchorRequest(d));
        return d.records().stream().map(r -> r.id()).toList();
    }

    static List<StoredFacts> factsOf(AccountId patient) {
        List<StoredFacts> facts = new ArrayList<>();
        features.forEachFacts(f -> {
            if (f.patient().equals(patient)) {
                facts.add(f);
            }
        });
        return facts;
    }

    static final Feature HBA1C = new Feature(FeatureKind.OBSERVATION, CodeSystems.LOINC, "4548-4", Optional.of(6.7),
            Optional.of("%"), Optional.of(LocalDate.of(2023, 5, 1)));
    static final Feature DIABETES = Feature.coded(FeatureKind.CONDITION, CodeSystems.SNOMED_CT, "44054006",
            Optional.of(LocalDate.of(2019, 4, 2)));
    static final Feature UNDATED = new Feature(FeatureKind.OBSERVATION, CodeSystems.LOINC, "8462-4",
            Optional.of(-0.0), Optional.empty(), Optional.empty());

    @Test
    void featuresRoundTripEveryFieldWithThePatientsAddress() {
        NewAccount p = create(AccountKind.PATIENT);
        AccountId patient = p.account().id();
        List<RecordId> ids = deposit(patient, 2, List.of(List.of(HBA1C, UNDATED), List.of(DIABETES)),
                Optional.empty());

        assertThat(features.features(patient)).containsExactly(
                new StoredFeature(patient, p.account().address(), ids.get(0), HBA1C),
                new StoredFeature(patient, p.account().address(), ids.get(0), UNDATED),
                new StoredFeature(patient, p.account().address(), ids.get(1), DIABETES));
        assertThat(Double.doubleToRawLongBits(features.features(patient).get(1).feature().value().orElseThrow()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void aDump_showsNoCodeValueUnitDateBirthDateOrSex_onlySealedBytes() {
        AccountId patient = create(AccountKind.PATIENT).account().id();
        deposit(patient, 2, List.of(List.of(HBA1C), List.of(DIABETES)),
                Optional.of(new PatientFacts(Optional.of(LocalDate.of(1961, 7, 30)), Optional.of("female"))));

        String dump = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT string_agg(encode(sealed, 'escape'), ' ') FROM (
                    SELECT sealed FROM sealed_cohort_features WHERE patient = :p
                    UNION ALL SELECT sealed FROM sealed_patient_facts WHERE patient = :p) s""")
                .bind("p", patient.value()).mapTo(String.class).one());
        assertThat(dump).isNotEmpty().doesNotContain("4548-4", "44054006", "6.7", "loinc", "snomed", "female");
        assertThat(features.features(patient)).extracting(StoredFeature::feature).containsExactly(HBA1C, DIABETES);
    }

    @Test
    void aSealedSetMovedToAnotherPatient_doesNotOpen_andIsAFault() {
        AccountId owner = create(AccountKind.PATIENT).account().id();
        AccountId other = create(AccountKind.PATIENT).account().id();
        deposit(owner, 1, List.of(List.of(HBA1C)),
                Optional.of(new PatientFacts(Optional.empty(), Optional.of("male"))));
        db.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO sealed_patient_facts (patient, sealed) SELECT :other, sealed FROM sealed_patient_facts
                 WHERE patient = :owner""").bind("other", other.value()).bind("owner", owner.value()).execute());
        try {
            assertThatThrownBy(() -> factsOf(owner)).isInstanceOf(SalusException.class)
                    .hasMessageContaining("does not open");
        } finally {
            db.jdbi().useHandle(h -> h.createUpdate("DELETE FROM sealed_patient_facts WHERE patient = :other")
                    .bind("other", other.value()).execute());
        }
        assertThat(factsOf(owner)).hasSize(1);
    }

    @Test
    void featuresWrittenInACallersTransactionRollBackWithIt() {
        AccountId patient = create(AccountKind.PATIENT).account().id();
        List<RecordId> ids = deposit(patient, 1, List.of(), Optional.empty());
        NewDeposit other = StoreFixtures.deposit(doctor, patient, 0, Optional.empty(), T0);
        assertThatThrownBy(() -> db.jdbi().useTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO deposit (id, patient, author, source, deposited_at, request_hash)
                    VALUES (:id, :p, :a, 'test', now(), :hash)""").bind("id", other.provenance().depositId())
                    .bind("p", patient.value()).bind("a", doctor.value()).bind("hash", other.requestHash().bytes())
                    .execute();
            PostgresFeatureStore.add(h, StoreFixtures.keys(), other.provenance().depositId(), patient,
                    List.of(new RecordFeatures(ids.getFirst(), List.of(HBA1C))));
            PostgresFeatureStore.putFacts(h, StoreFixtures.keys(), patient,
                    new PatientFacts(Optional.of(LocalDate.of(1970, 1, 1)), Optional.of("male")));
            throw new IllegalStateException("deposit failed later");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(features.features(patient)).isEmpty();
        assertThat(factsOf(patient)).isEmpty();
    }

    @Test
    void factsAreReplacedAndStreamedWithAddresses() {
        NewAccount p = create(AccountKind.PATIENT);
        AccountId patient = p.account().id();
        deposit(patient, 1, List.of(), Optional.of(new PatientFacts(Optional.of(LocalDate.of(1961, 7, 30)),
                Optional.of("female"))));
        PatientFacts later = new PatientFacts(Optional.of(LocalDate.of(1961, 7, 31)), Optional.empty());
        deposit(patient, 1, List.of(), Optional.of(later));
        assertThat(factsOf(patient)).containsExactly(new StoredFacts(patient, p.account().address(), later));
    }

    @Test
    void tenThousandFeaturesStreamInStorageOrder() {
        NewAccount p = create(AccountKind.PATIENT);
        AccountId patient = p.account().id();
        List<List<Feature>> batch = new ArrayList<>();
        for (int r = 0; r < 100; r++) {
            List<Feature> fs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                fs.add(new Feature(FeatureKind.OBSERVATION, CodeSystems.LOINC, "c" + i, Optional.of(r + i / 100.0),
                        Optional.of("mg/dL"), Optional.of(LocalDate.of(2020, 1, 1).plusDays(r))));
            }
            batch.add(fs);
        }
        deposit(patient, 100, batch, Optional.empty());
        AtomicLong seen = new AtomicLong();
        List<Double> values = new ArrayList<>();
        EvmAddress address = p.account().address();
        features.forEachFeature(f -> {
            if (f.patient().equals(patient)) {
                assertThat(f.address()).isEqualTo(address);
                values.add(f.feature().value().orElseThrow());
                seen.incrementAndGet();
            }
        });
        assertThat(seen.get()).isEqualTo(10_000);
        assertThat(values).isSorted();
    }
}
