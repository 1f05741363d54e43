package io.salus.store;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.anchorRequest;
import static io.salus.testkit.data.StoreFixtures.bytes;
import static io.salus.testkit.data.StoreFixtures.deposit;
import static io.salus.testkit.data.StoreFixtures.newAccount;
import static io.salus.testkit.data.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.NewAccount;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.FeatureStore;
import io.salus.core.cohort.PatientFacts;
import io.salus.core.erasure.ErasureReceipt;
import io.salus.core.error.SalusException;
import io.salus.core.port.ErasureStore;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.NewRecord;
import io.salus.testkit.data.StoreFixtures;
import io.salus.testkit.postgres.WithPostgres;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithPostgres
class PostgresErasureStoreIT {
    static Database db;
    static PostgresAccountStore accounts;
    static PostgresRecordStore records;
    static PostgresErasureStore erasures;
    AccountId patient;
    AccountId other;
    AccountId doctor;

    @BeforeAll
    static void start(Database database) {
        db = database;
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        accounts = new PostgresAccountStore(db.jdbi(), clock);
        records = new PostgresRecordStore(db.jdbi(), clock, StoreFixtures.keys());
        erasures = new PostgresErasureStore(db.jdbi());
    }

    @BeforeEach
    void accounts() {
        patient = create(AccountKind.PATIENT);
        other = create(AccountKind.PATIENT);
        doctor = create(AccountKind.PHYSICIAN);
    }

    static AccountId create(AccountKind kind) {
        NewAccount a = newAccount(kind, T0);
        accounts.create(a, registration(a));
        return a.account().id();
    }

    static NewDeposit withFeatures(AccountId author, AccountId patient, int n) {
        NewDeposit d = deposit(author, patient, n, Optional.empty(), T0);
        List<FeatureStore.RecordFeatures> features = d.records().stream()
                .map(r -> new FeatureStore.RecordFeatures(r.id(), List.of(io.salus.core.cohort.Feature
                        .coded(FeatureKind.CONDITION, "http://snomed.info/sct", "44054006",
                                Optional.of(LocalDate.of(2024, 1, 1))))))
                .toList();
        return new NewDeposit(d.provenance(), patient, Optional.empty(), d.requestHash(), d.records(),
                d.patientIdentifiers(), features,
                Optional.of(new PatientFacts(Optional.of(LocalDate.of(1970, 1, 1)), Optional.of("female"))));
    }

    long count(String sql, AccountId p) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).bind("p", p.value()).mapTo(Long.class).one());
    }

    @Test
    void erase_deletesRecordsDepositsFeaturesFactsAndIdentifiers_keepsOnlyTombstones_andTouchesNoOtherPatient() {
        NewDeposit mine = withFeatures(doctor, patient, 4);
        records.saveDeposit(mine, anchorRequest(mine));
        NewDeposit theirs = withFeatures(doctor, other, 2);
        records.saveDeposit(theirs, anchorRequest(theirs));

        ErasureStore.Erased erased = erasures.erase(patient, T0.plusNanos(1_500));

        assertThat(erased.now()).isTrue();
        assertThat(erased.receipt()).isEqualTo(new ErasureReceipt(patient, T0.plusNanos(1_000), 4, 0, 1, 1, 2));
        for (String table : List.of("sealed_record", "deposit", "sealed_cohort_features", "sealed_patient_facts",
                "patient_identifier_index")) {
            assertThat(count("SELECT count(*) FROM " + table + " WHERE patient = :p", patient)).as(table).isZero();
            assertThat(count("SELECT count(*) FROM " + table + " WHERE patient = :p", other)).as(table)
                    .isPositive();
        }
        assertThat(count("SELECT count(*) FROM erased_record WHERE patient = :p", patient)).isEqualTo(4);
        assertThat(
                count("SELECT count(*) FROM account WHERE id = :p AND display_name IS NULL AND erased_at IS NOT NULL",
                        patient))
                .isEqualTo(1);
        String anchorRequestStatus = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT status FROM outbox WHERE kind = 'anchor-deposit' AND idempotency_key = :k")
                .bind("k", mine.provenance().depositId().toString()).mapTo(String.class).one());
        assertThat(anchorRequestStatus).isEqualTo("done");
        for (NewRecord r : mine.records()) {
            assertThat(records.find(r.id())).isEmpty();
        }
        assertThat(erasures.find(patient)).contains(erased.receipt());
        assertThat(erasures.find(other)).isEmpty();
        assertThat(erasures.erasedPatients()).contains(patient).doesNotContain(other);
    }

    @Test
    void aSecondErasureChangesNothingAndReturnsTheFirstReceipt() {
        NewDeposit d = deposit(doctor, patient, 2, Optional.empty(), T0);
        records.saveDeposit(d, anchorRequest(d));
        ErasureReceipt first = erasures.erase(patient, T0).receipt();

        ErasureStore.Erased again = erasures.erase(patient, T0.plusSeconds(60));

        assertThat(again.now()).isFalse();
        assertThat(again.receipt()).isEqualTo(first);
    }

    @Test
    void theDatabaseRefusesADepositForAnErasedPatient_andStoresNothingOfIt() {
        erasures.erase(patient, T0);
        NewDeposit late = deposit(doctor, patient, 2, Optional.empty(), T0);

        assertThatThrownBy(() -> records.saveDeposit(late, anchorRequest(late))).isInstanceOf(SalusException.class)
                .hasMessageContaining("erased");
        assertThat(count("SELECT count(*) FROM sealed_record WHERE patient = :p", patient)).isZero();
    }

    @Test
    void aDepositInFlightWhenTheErasureStartsIsErasedWithTheRest() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Handle deposit = db.jdbi().open()) {
            deposit.begin();
            UUID depositId = UUID.randomUUID();
            deposit.createUpdate("""
                    INSERT INTO deposit (id, patient, author, source, deposited_at, request_hash)
                    VALUES (:id, :p, :a, 'fhir-bundle', now(), :h)""").bind("id", depositId)
                    .bind("p", patient.value()).bind("a", doctor.value()).bind("h", bytes(32)).execute();

            Future<ErasureStore.Erased> erasing = pool.submit(() -> erasures.erase(patient, T0));
            awaitWaitingOnALock();
            deposit.createUpdate("""
                    INSERT INTO sealed_record (id, deposit_id, patient, category, resource_type, ciphertext,
                        wrapped_key_node, wrapped_key_patient, salt, leaf, author, source, deposited_at)
                    VALUES (:id, :d, :p, 'VITAL_SIGNS', 'Observation', :c, :kn, :kp, :s, :l, :a, 'fhir-bundle',
                        now())""").bind("id", UUID.randomUUID()).bind("d", depositId).bind("p", patient.value())
                    .bind("c", bytes(100)).bind("kn", bytes(60)).bind("kp", bytes(90)).bind("s", bytes(65))
                    .bind("l", bytes(32)).bind("a", doctor.value()).execute();
            deposit.commit();

            ErasureReceipt receipt = erasing.get().receipt();
            assertThat(receipt.recordsShredded()).isEqualTo(1);
            assertThat(receipt.depositsDeleted()).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM sealed_record WHERE patient = :p", patient)).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits (bounded) until some backend waits on a row lock: the erasure queued behind the open deposit. */
    private static void awaitWaitingOnALock() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            long waiting = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'")
                    .mapTo(Long.class).one());
            if (waiting > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the erasure never waited for the deposit's lock");
    }
}
