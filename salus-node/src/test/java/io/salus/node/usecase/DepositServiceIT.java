package io.salus.node.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import io.salus.core.usecase.DepositReceipt;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.DepositService.Command;
import io.salus.core.usecase.DepositService.Deposited;
import io.salus.fhir.FeatureExtractor;
import io.salus.fhir.HapiBundleParser;
import io.salus.store.Database;
import io.salus.testkit.Bundles;
import io.salus.testkit.Fixtures;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.postgres.WithPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DepositService} on the PostgreSQL stores, the Tink key manager and the HAPI parser: who may deposit, nothing
 * stored unless the whole bundle is valid, every resource sealed to its patient and bound to its record, the anchor
 * enqueued in the same transaction, idempotent by (author, key).
 */
@WithPostgres
@WithChain
class DepositServiceIT {
    @TempDir
    static Path dir;
    static Adapters a;
    static DepositService deposits;
    static final List<Deposited> DEPOSITED = new CopyOnWriteArrayList<>();
    Account patient;

    @BeforeAll
    static void start(Database db, TestChain chain) {
        a = new Adapters(db, chain, dir);
        deposits = new DepositService(a.accounts, a.records, a.keys, new HapiBundleParser(), new FeatureExtractor(),
                DEPOSITED::add, a.clock);
    }

    @BeforeEach
    void aPatient() {
        patient = a.open(AccountKind.PATIENT, "Depositing patient");
        DEPOSITED.clear();
    }

    static Result<DepositReceipt> deposit(Account author, AccountId patientId, byte[] body, String key) {
        return deposits.deposit(new Command(author, patientId, body, Optional.ofNullable(key), "fhir-bundle"));
    }

    static byte[] bundle(String identifier, int observations) {
        return Bundles.patientWithObservations(identifier, observations);
    }

    @Test
    void aPatientsOwnBundle_isStoredSealedToThePatient_boundToEachRecord_andItsAnchorIsEnqueued() {
        DepositReceipt r = deposit(patient, patient.id(), bundle("own", 3), null).orElseThrow();

        assertThat(r.records()).hasSize(4);
        assertThat(r.recordsByCategory()).containsEntry("DEMOGRAPHICS", 1).containsEntry("VITAL_SIGNS", 3);
        assertThat(r.replayed()).isFalse();
        byte[] sealedKey = a.accounts.sealedKeys(patient.id()).orElseThrow().encryptionPrivateKey();
        for (RecordSummary summary : r.records()) {
            StoredRecord s = a.records.find(summary.id()).orElseThrow();
            byte[] aad = RecordBinding.associatedData(s.id(), patient.id(), s.category());
            byte[] plain = a.keys.open(s.sealed(), aad).orElseThrow();
            assertThat(a.keys.openAsPatient(s.sealed(), aad, sealedKey).orElseThrow()).isEqualTo(plain);
            assertThat(new String(s.sealed().ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("Patient",
                    "Heart rate");
            Hash32 salt = Hash32.of(a.keys.openValue(s.sealedSalt(), RecordBinding.saltAssociatedData(s.id()))
                    .orElseThrow());
            assertThat(s.leaf()).isEqualTo(Hashing.recordLeaf(salt, Hashing.sha256(plain)));
            assertThat(s.provenance().author()).isEqualTo(patient.id());
        }
        assertThat(a.outbox.due(OutboxKinds.ANCHOR_DEPOSIT, 100_000, Instant.now().plusSeconds(1)))
                .anySatisfy(e -> assertThat(e.message().idempotencyKey()).isEqualTo(r.depositId().toString()));
        assertThat(DEPOSITED).singleElement().satisfies(d -> {
            assertThat(d.patient().id()).isEqualTo(patient.id());
            assertThat(d.features()).hasSize(3);
            assertThat(d.facts()).isPresent();
        });
    }

    @Test
    void aRecordDoesNotOpenUnderAnotherRecordsOrPatientsBinding() {
        DepositReceipt r = deposit(patient, patient.id(), bundle("bound", 2), null).orElseThrow();
        StoredRecord first = a.records.find(r.records().get(0).id()).orElseThrow();
        StoredRecord second = a.records.find(r.records().get(1).id()).orElseThrow();

        Result<byte[]> otherRecord = a.keys.open(first.sealed(),
                RecordBinding.associatedData(second.id(), patient.id(), first.category()));
        Result<byte[]> otherPatient = a.keys.open(first.sealed(),
                RecordBinding.associatedData(first.id(), AccountId.random(), first.category()));

        assertThat(otherRecord.failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
        assertThat(otherPatient.failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Test
    void aProviderNotLinkedToThePatient_isRefusedAndStoresNothing_untilThePatientLinksThem() {
        Account hospital = a.open(AccountKind.HOSPITAL, "Unlinked hospital");

        Result<DepositReceipt> refused = deposit(hospital, patient.id(), bundle("by hospital", 1), null);

        assertThat(refused.failure().code()).isEqualTo(ErrorCode.NO_CARE_RELATIONSHIP);
        assertThat(a.records.listByPatient(patient.id())).isEmpty();
        a.accountService.linkProvider(patient, patient.id(), hospital.id()).orElseThrow();
        DepositReceipt r = deposit(hospital, patient.id(), bundle("by hospital", 1), null).orElseThrow();
        assertThat(r.authorId()).isEqualTo(hospital.id().toString());
        assertThat(a.records.listByPatient(patient.id())).hasSize(2);
    }

    @Test
    void anAccountThatIsNotAProvider_cannotDepositForAPatient() {
        Account consumer = a.open(AccountKind.CONSUMER, "Curious lab");

        assertThat(deposit(consumer, patient.id(), bundle("by consumer", 1), null).failure().code())
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(a.records.listByPatient(patient.id())).isEmpty();
    }

    @Test
    void depositsForAnUnknownAccountOrForAnAccountThatIsNotAPatient_areRefused() {
        Account hospital = a.open(AccountKind.HOSPITAL, "Not a patient");

        assertThat(deposit(patient, AccountId.random(), bundle("nobody", 1), null).failure().code())
                .isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND);
        assertThat(deposit(hospital, hospital.id(), bundle("hospital itself", 1), null).failure().code())
                .isEqualTo(ErrorCode.NOT_A_PATIENT);
    }

    @Test
    void everyInvalidFixture_isRefused_andNothingIsStoredOrEnqueued() {
        long pending = a.outbox.pending(OutboxKinds.ANCHOR_DEPOSIT);

        for (String name : Fixtures.invalidFixtures()) {
            Result<DepositReceipt> r = deposit(patient, patient.id(), Fixtures.bytes(name), "invalid " + name);
            assertThat(r.isOk()).as(name).isFalse();
        }

        assertThat(a.records.listByPatient(patient.id())).isEmpty();
        assertThat(a.outbox.pending(OutboxKinds.ANCHOR_DEPOSIT)).isEqualTo(pending);
        assertThat(DEPOSITED).isEmpty();
    }

    @Test
    void aRetryWithTheSameKey_returnsTheFirstReceipt_andAnotherBodyUnderThatKeyIsAConflict() {
        byte[] body = bundle("retried", 2);
        String key = "retry-" + UUID.randomUUID();
        DepositReceipt first = deposit(patient, patient.id(), body, key).orElseThrow();

        DepositReceipt again = deposit(patient, patient.id(), body, key).orElseThrow();
        Result<DepositReceipt> other = deposit(patient, patient.id(), bundle("retried", 5), key);

        assertThat(again.replayed()).isTrue();
        assertThat(again.depositId()).isEqualTo(first.depositId());
        assertThat(again.records()).isEqualTo(first.records());
        assertThat(other.failure().code()).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT);
        assertThat(a.records.listByPatient(patient.id())).hasSize(3);
        assertThat(DEPOSITED).hasSize(1);
    }

    @Test
    void aBundleAboutSomeoneElse_isRefusedAsAForeignPatient_andTheFirstPatientsRecordsStay() {
        DepositReceipt first = deposit(patient, patient.id(), bundle("the patient", 1), null).orElseThrow();

        Result<DepositReceipt> foreign = deposit(patient, patient.id(), bundle("someone else", 4), null);

        assertThat(foreign.failure().code()).isEqualTo(ErrorCode.FOREIGN_PATIENT);
        assertThat(a.records.listByPatient(patient.id())).extracting(RecordSummary::id)
                .containsExactlyElementsOf(first.records().stream().map(RecordSummary::id).toList());
    }
}
