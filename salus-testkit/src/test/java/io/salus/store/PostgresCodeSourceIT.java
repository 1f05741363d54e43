package io.salus.store;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.anchorRequest;
import static io.salus.testkit.data.StoreFixtures.deposit;
import static io.salus.testkit.data.StoreFixtures.newAccount;
import static io.salus.testkit.data.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.NewAccount;
import io.salus.core.cohort.CodeEntry;
import io.salus.core.cohort.CodeSystems;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.FeatureStore.RecordFeatures;
import io.salus.core.record.NewDeposit;
import io.salus.testkit.postgres.WithPostgres;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class PostgresCodeSourceIT {
    static Database db;
    static PostgresCodeSource codes;

    @BeforeAll
    static void start(Database database) {
        db = database;
        PostgresAccountStore accounts = new PostgresAccountStore(db.jdbi(), Clock.fixed(T0, ZoneOffset.UTC));
        PostgresRecordStore records = new PostgresRecordStore(db.jdbi(), Clock.fixed(T0, ZoneOffset.UTC));
        PostgresFeatureStore features = new PostgresFeatureStore(db.jdbi());
        codes = new PostgresCodeSource(db.jdbi());
        NewAccount doctor = newAccount(AccountKind.PHYSICIAN, T0);
        accounts.create(doctor, registration(doctor));
        for (int i = 0; i < 3; i++) {
            NewAccount patient = newAccount(AccountKind.PATIENT, T0);
            accounts.create(patient, registration(patient));
            AccountId id = patient.account().id();
            NewDeposit d = deposit(doctor.account().id(), id, 2, Optional.empty(), T0);
            records.saveDeposit(d, anchorRequest(d));
            List<Feature> twice = i == 0
                    ? List.of(hba1c(i, "%"), hba1c(i, "mmol/mol"), diabetes())
                    : List.of(hba1c(i, "%"), diabetes());
            features.add(id, List.of(new RecordFeatures(d.records().get(0).id(), twice),
                    new RecordFeatures(d.records().get(1).id(), i == 0 ? List.of(rare()) : List.of(diabetes()))));
        }
    }

    static Feature hba1c(int i, String unit) {
        return new Feature(FeatureKind.OBSERVATION, CodeSystems.LOINC, "4548-4", Optional.of(6.0 + i),
                Optional.of(unit), Optional.of(LocalDate.of(2023, 5, 1)));
    }

    static Feature diabetes() {
        return Feature.coded(FeatureKind.CONDITION, CodeSystems.SNOMED_CT, "44054006",
                Optional.of(LocalDate.of(2019, 4, 2)));
    }

    static Feature rare() {
        return Feature.coded(FeatureKind.CONDITION, CodeSystems.SNOMED_CT, "190905008", Optional.empty());
    }

    @Test
    void codesHeldByEnoughDistinctPatients_areListedWithTheirSystemUriAndUnits() {
        assertThat(codes.load(3)).containsExactly(
                new CodeEntry(FeatureKind.CONDITION, CodeSystems.SNOMED_CT, "44054006", List.of()),
                new CodeEntry(FeatureKind.OBSERVATION, CodeSystems.LOINC, "4548-4", List.of("%", "mmol/mol")));
    }

    @Test
    void aCodeFewerPatientsHold_isLeftOut_howeverOftenItWasRecorded() {
        assertThat(codes.load(4)).isEmpty();
        assertThat(codes.load(1)).extracting(CodeEntry::code).contains("190905008");
        assertThat(codes.load(2)).extracting(CodeEntry::code).doesNotContain("190905008");
    }
}
