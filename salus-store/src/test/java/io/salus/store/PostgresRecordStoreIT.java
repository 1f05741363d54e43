package io.salus.store;

import static io.salus.store.StoreFixtures.T0;
import static io.salus.store.StoreFixtures.anchorRequest;
import static io.salus.store.StoreFixtures.deposit;
import static io.salus.store.StoreFixtures.newAccount;
import static io.salus.store.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.NewAccount;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.port.RecordStore;
import io.salus.core.record.DepositSummary;
import io.salus.core.record.NewDeposit;
import io.salus.core.merkle.Hashing;
import io.salus.core.record.NewRecord;
import io.salus.core.record.PatientKeyChanged;
import io.salus.core.record.Provenance;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresRecordStoreIT {
    @TempDir
    static Path dir;
    static EmbeddedPostgresEngine engine;
    static Database db;
    static PostgresAccountStore accounts;
    static PostgresRecordStore records;
    static PostgresOutbox outbox;
    AccountId patient;
    AccountId doctor;

    @BeforeAll
    static void start() {
        engine = EmbeddedPostgresEngine.start(dir);
        db = Database.embedded(engine);
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        accounts = new PostgresAccountStore(db.jdbi(), clock);
        records = new PostgresRecordStore(db.jdbi(), clock, StoreFixtures.keys());
        outbox = new PostgresOutbox(db.jdbi());
    }

    @AfterAll
    static void stop() {
        db.close();
        engine.close();
    }

    @BeforeEach
    void accounts() {
        patient = create(AccountKind.PATIENT);
        doctor = create(AccountKind.PHYSICIAN);
    }

    static AccountId create(AccountKind kind) {
        NewAccount a = newAccount(kind, T0);
        accounts.create(a, registration(a));
        return a.account().id();
    }

    @Test
    void savedRecord_roundTripsEveryField_withInstantsTruncatedToMicroseconds() {
        Instant at = T0.plusNanos(789);
        NewDeposit d = deposit(doctor, patient, 3, Optional.empty(), at);

        records.saveDeposit(d, anchorRequest(d));

        for (NewRecord r : d.records()) {
            StoredRecord expected = new StoredRecord(r.id(), patient, r.category(), r.resourceType(), r.fhirId(),
                    new Provenance(doctor, d.provenance().depositId(), "fhir-bundle", StoreFixtures.micros(at)),
                    r.sealed(), r.sealedSalt(), r.leaf(), Optional.empty());
            assertThat(records.find(r.id())).get().usingRecursiveComparison().isEqualTo(expected);
        }
    }

    @Test
    void depositSealedToAKeyThatIsNoLongerThePatients_isRefusedAndNothingIsStored() {
        byte[] current = accounts.find(patient).orElseThrow().encryptionPublicKey();
        NewDeposit plain = deposit(doctor, patient, 2, Optional.empty(), T0);
        NewDeposit fresh = sealedTo(plain, Hashing.sha256(current));
        NewDeposit stale = sealedTo(deposit(doctor, patient, 2, Optional.empty(), T0),
                Hashing.sha256(new byte[32]));

        records.saveDeposit(fresh, anchorRequest(fresh));
        assertThatThrownBy(() -> records.saveDeposit(stale, anchorRequest(stale)))
                .isInstanceOf(PatientKeyChanged.class);

        assertThat(records.listByPatient(patient)).extracting(RecordSummary::id)
                .containsExactlyElementsOf(fresh.records().stream().map(NewRecord::id).toList());
        assertThat(records.recordsOfDeposit(stale.provenance().depositId())).isEmpty();
    }

    private static NewDeposit sealedTo(NewDeposit d, io.salus.core.merkle.Hash32 keyHash) {
        return new NewDeposit(d.provenance(), d.patient(), d.idempotencyKey(), d.requestHash(), d.records(),
                d.patientIdentifiers(), d.features(), d.facts(), Optional.of(keyHash));
    }

    @Test
    void saveDeposit_returnsItsSummary_recordsInDepositOrder_notAnchored() {
        NewDeposit d = deposit(doctor, patient, 4, Optional.of("k-1"), T0);

        DepositSummary s = records.saveDeposit(d, anchorRequest(d));

        assertThat(s.depositId()).isEqualTo(d.provenance().depositId());
        assertThat(s.patient()).isEqualTo(patient);
        assertThat(s.author()).isEqualTo(doctor);
        assertThat(s.depositedAt()).isEqualTo(T0);
        assertThat(s.requestHash()).isEqualTo(d.requestHash());
        assertThat(s.records()).extracting(RecordSummary::id).containsExactlyElementsOf(
                d.records().stream().map(NewRecord::id).toList());
        assertThat(s.records()).allSatisfy(r -> assertThat(r.anchored()).isFalse());
        assertThat(records.findDeposit(doctor, "k-1")).contains(s);
        assertThat(records.recordsOfDeposit(s.depositId())).containsExactlyElementsOf(
                d.records().stream().map(NewRecord::id).toList());
    }

    @Test
    void saveDeposit_enqueuesTheAnchorRequest_andRemembersPatientIdentifiersOnce_asBlindIndexesOnly() {
        NewDeposit first = deposit(doctor, patient, 1, Optional.empty(), T0);
        NewDeposit second = deposit(doctor, patient, 1, Optional.empty(), T0);
        assertThat(records.matchIdentifiers(patient, first.patientIdentifiers()))
                .isEqualTo(RecordStore.IdentifierMatch.NONE_KNOWN);

        records.saveDeposit(first, anchorRequest(first));
        records.saveDeposit(second, anchorRequest(second));

        assertThat(records.matchIdentifiers(patient, Set.of("urn:other|1", "urn:mrn|" + patient)))
                .isEqualTo(RecordStore.IdentifierMatch.SHARED);
        assertThat(records.matchIdentifiers(patient, Set.of("urn:mrn|someone else")))
                .isEqualTo(RecordStore.IdentifierMatch.NONE_SHARED);
        List<String> stored = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT encode(blind_index, 'escape') FROM patient_identifier_index WHERE patient = :p")
                .bind("p", patient.value()).mapTo(String.class).list());
        assertThat(stored).hasSize(2).allSatisfy(b -> assertThat(b).doesNotContain("urn:", patient.toString()));
        assertThat(outbox.due(OutboxKinds.ANCHOR_DEPOSIT, 10_000, T0)).extracting(e -> e.message())
                .contains(anchorRequest(first), anchorRequest(second));
    }

    @Test
    void theSameIdentifier_ofTwoPatients_hasTwoUnrelatedBlindIndexes() {
        AccountId twin = create(AccountKind.PATIENT);
        Set<String> shared = Set.of("urn:family-card|42");
        for (AccountId p : List.of(patient, twin)) {
            NewDeposit d = deposit(doctor, p, 1, Optional.empty(), T0);
            NewDeposit withShared = new NewDeposit(d.provenance(), p, Optional.empty(), d.requestHash(), d.records(),
                    shared);
            records.saveDeposit(withShared, anchorRequest(withShared));
        }
        List<byte[]> indexes = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT blind_index FROM patient_identifier_index WHERE patient IN (:a, :b)")
                .bind("a", patient.value()).bind("b", twin.value()).mapTo(byte[].class).list());
        assertThat(indexes).hasSize(2);
        assertThat(indexes.get(0)).isNotEqualTo(indexes.get(1));
        assertThat(records.matchIdentifiers(twin, shared)).isEqualTo(RecordStore.IdentifierMatch.SHARED);
    }

    @Test
    void anIdempotencyKey_isStoredOnlyAsABlindIndex_andStillFindsItsDeposit() {
        NewDeposit d = deposit(doctor, patient, 1, Optional.of("mrn-123456-visit-7"), T0);
        records.saveDeposit(d, anchorRequest(d));
        String stored = db.jdbi().withHandle(h -> h.createQuery("SELECT idempotency_key FROM deposit WHERE id = :id")
                .bind("id", d.provenance().depositId()).mapTo(String.class).one());
        assertThat(stored).doesNotContain("123456").hasSize(66);
        assertThat(records.findDeposit(doctor, "mrn-123456-visit-7")).get()
                .extracting(DepositSummary::depositId).isEqualTo(d.provenance().depositId());
        assertThat(records.findDeposit(doctor, "mrn-123456-visit-8")).isEmpty();
    }

    @Test
    void listByPatient_listsOnlyThatPatientsRecords_inDepositOrder() {
        AccountId other = create(AccountKind.PATIENT);
        NewDeposit a = deposit(doctor, patient, 2, Optional.empty(), T0);
        NewDeposit b = deposit(doctor, other, 2, Optional.empty(), T0);
        NewDeposit c = deposit(doctor, patient, 3, Optional.empty(), T0.plusSeconds(5));
        for (NewDeposit d : List.of(a, b, c)) {
            records.saveDeposit(d, anchorRequest(d));
        }

        List<RecordSummary> listed = records.listByPatient(patient);

        List<NewRecord> expected = new ArrayList<>(a.records());
        expected.addAll(c.records());
        assertThat(listed).extracting(RecordSummary::id)
                .containsExactlyElementsOf(expected.stream().map(NewRecord::id).toList());
        assertThat(listed.get(0).leaf()).isEqualTo(a.records().get(0).leaf());
        assertThat(listed.get(0).category()).isEqualTo(a.records().get(0).category());
        assertThat(listed.get(0).depositId()).isEqualTo(a.provenance().depositId());
    }

    @Test
    void sameIdempotencyKeyTwice_keepsOneDeposit_andAnswersWithTheFirstSummary() {
        NewDeposit first = deposit(doctor, patient, 2, Optional.of("retry-me"), T0);
        NewDeposit retry = deposit(doctor, patient, 5, Optional.of("retry-me"), T0.plusSeconds(1));

        DepositSummary s1 = records.saveDeposit(first, anchorRequest(first));
        DepositSummary s2 = records.saveDeposit(retry, anchorRequest(retry));

        assertThat(s2).isEqualTo(s1);
        assertThat(s2.requestHash()).isEqualTo(first.requestHash()).isNotEqualTo(retry.requestHash());
        assertThat(records.recordsOfDeposit(retry.provenance().depositId())).isEmpty();
        assertThat(records.listByPatient(patient)).hasSize(2);
        assertThat(outbox.due(OutboxKinds.ANCHOR_DEPOSIT, 10_000, T0)).extracting(e -> e.message().idempotencyKey())
                .doesNotContain(retry.provenance().depositId().toString());
    }

    @Test
    void sameKeyFromAnotherAuthor_isAnotherDeposit() {
        AccountId nurse = create(AccountKind.HOSPITAL);
        NewDeposit a = deposit(doctor, patient, 1, Optional.of("shared"), T0);
        NewDeposit b = deposit(nurse, patient, 1, Optional.of("shared"), T0);

        assertThat(records.saveDeposit(a, anchorRequest(a)).depositId()).isEqualTo(a.provenance().depositId());
        assertThat(records.saveDeposit(b, anchorRequest(b)).depositId()).isEqualTo(b.provenance().depositId());
    }

    @Test
    void concurrentRetriesWithTheSameKey_storeExactlyOneDeposit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<DepositSummary>> attempts = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                NewDeposit d = deposit(doctor, patient, 3, Optional.of("storm"), T0);
                attempts.add(() -> records.saveDeposit(d, anchorRequest(d)));
            }
            Set<DepositSummary> answers = new HashSet<>();
            for (Future<DepositSummary> f : pool.invokeAll(attempts)) {
                answers.add(f.get());
            }

            assertThat(answers).hasSize(1);
            UUID winner = answers.iterator().next().depositId();
            assertThat(records.listByPatient(patient)).hasSize(3)
                    .allSatisfy(r -> assertThat(r.depositId()).isEqualTo(winner));
            assertThat(records.findDeposit(doctor, "storm")).map(DepositSummary::depositId).contains(winner);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownRecordAndDeposit_areAbsent() {
        assertThat(records.find(io.salus.core.record.RecordId.random())).isEmpty();
        assertThat(records.findDeposit(doctor, "never")).isEmpty();
        assertThat(records.recordsOfDeposit(UUID.randomUUID())).isEmpty();
    }
}
