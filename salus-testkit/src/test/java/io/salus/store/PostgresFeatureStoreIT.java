package io.salus.store;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.anchorRequest;
import static io.salus.testkit.data.StoreFixtures.deposit;
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
        records = new PostgresRecordStore(db.jdbi(), Clock.fixed(T0, ZoneOffset.UTC));
        features = new PostgresFeatureStore(db.jdbi());
        doctor = create(AccountKind.PHYSICIAN).account().id();
    }

    static NewAccount create(AccountKind kind) {
        NewAccount a = newAccount(kind, T0);
        accounts.create(a, registration(a));
        return a;
    }

    static List<RecordId> records(AccountId patient, int n) {
        NewDeposit d = deposit(doctor, patient, n, Optional.empty(), T0);
        records.saveDeposit(d, anchorRequest(d));
        return d.records().stream().map(r -> r.id()).toList();
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
        List<RecordId> ids = records(patient, 2);
        features.add(patient, List.of(new RecordFeatures(ids.get(0), List.of(HBA1C, UNDATED)),
                new RecordFeatures(ids.get(1), List.of(DIABETES))));

        assertThat(features.features(patient)).containsExactly(
                new StoredFeature(patient, p.account().address(), ids.get(0), HBA1C),
                new StoredFeature(patient, p.account().address(), ids.get(0), UNDATED),
                new StoredFeature(patient, p.account().address(), ids.get(1), DIABETES));
        assertThat(Double.doubleToRawLongBits(features.features(patient).get(1).feature().value().orElseThrow()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void addingARecordsFeaturesAgainChangesNothing() {
        AccountId patient = create(AccountKind.PATIENT).account().id();
        RecordId id = records(patient, 1).getFirst();
        features.add(patient, List.of(new RecordFeatures(id, List.of(HBA1C, DIABETES))));
        features.add(patient, List.of(new RecordFeatures(id, List.of(HBA1C, DIABETES))));
        assertThat(features.features(patient)).extracting(StoredFeature::feature).containsExactly(HBA1C, DIABETES);
    }

    @Test
    void featuresOfAnUnknownRecordAreRefusedAndNothingOfTheCallIsStored() {
        AccountId patient = create(AccountKind.PATIENT).account().id();
        RecordId known = records(patient, 1).getFirst();
        assertThatThrownBy(() -> features.add(patient, List.of(new RecordFeatures(known, List.of(HBA1C)),
                new RecordFeatures(RecordId.random(), List.of(DIABETES))))).isInstanceOf(SalusException.class);
        assertThat(features.features(patient)).isEmpty();
    }

    @Test
    void featuresWrittenInACallersTransactionRollBackWithIt() {
        AccountId patient = create(AccountKind.PATIENT).account().id();
        RecordId id = records(patient, 1).getFirst();
        assertThatThrownBy(() -> db.jdbi().useTransaction(h -> {
            PostgresFeatureStore.add(h, patient, List.of(new RecordFeatures(id, List.of(HBA1C))));
            PostgresFeatureStore.putFacts(h, patient, new PatientFacts(Optional.of(LocalDate.of(1970, 1, 1)),
                    Optional.of("male")));
            throw new IllegalStateException("deposit failed later");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(features.features(patient)).isEmpty();
        List<StoredFacts> facts = new ArrayList<>();
        features.forEachFacts(f -> {
            if (f.patient().equals(patient)) {
                facts.add(f);
            }
        });
        assertThat(facts).isEmpty();
    }

    @Test
    void factsAreReplacedAndStreamedWithAddresses() {
        NewAccount p = create(AccountKind.PATIENT);
        AccountId patient = p.account().id();
        features.putFacts(patient, new PatientFacts(Optional.of(LocalDate.of(1961, 7, 30)), Optional.of("female")));
        PatientFacts later = new PatientFacts(Optional.of(LocalDate.of(1961, 7, 31)), Optional.empty());
        features.putFacts(patient, later);
        List<StoredFacts> facts = new ArrayList<>();
        features.forEachFacts(f -> {
            if (f.patient().equals(patient)) {
                facts.add(f);
            }
        });
        assertThat(facts).containsExactly(new StoredFacts(patient, p.account().address(), later));
    }

    @Test
    void tenThousandFeaturesStreamInStorageOrder() {
        NewAccount p = create(AccountKind.PATIENT);
        AccountId patient = p.account().id();
        List<RecordId> ids = records(patient, 100);
        List<RecordFeatures> batch = new ArrayList<>();
        for (int r = 0; r < ids.size(); r++) {
            List<Feature> fs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                fs.add(new Feature(FeatureKind.OBSERVATION, CodeSystems.LOINC, "c" + i, Optional.of(r + i / 100.0),
                        Optional.of("mg/dL"), Optional.of(LocalDate.of(2020, 1, 1).plusDays(r))));
            }
            batch.add(new RecordFeatures(ids.get(r), fs));
        }
        features.add(patient, batch);
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
