package io.salus.node.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.erasure.ErasureReceipt;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.port.RecordStore;
import io.salus.core.record.RecordSummary;
import io.salus.core.usecase.DepositReceipt;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.ErasureService;
import io.salus.fhir.FeatureExtractor;
import io.salus.fhir.HapiBundleParser;
import io.salus.store.Database;
import io.salus.store.PostgresErasureStore;
import io.salus.testkit.Bundles;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.postgres.WithPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ErasureService} on the PostgreSQL erasure store: only the patient, only with the exact confirmation; every
 * sealed record shredded in one transaction, the after-commit step run once, a repeat answered with the first receipt,
 * and the store refusing any later deposit for the patient.
 */
@WithPostgres
@WithChain
class ErasureServiceIT {
    @TempDir
    static Path dir;
    static Adapters a;
    static DepositService deposits;
    static ErasureService erasure;
    static final List<ErasureReceipt> AFTER_COMMIT = new CopyOnWriteArrayList<>();
    Account patient;
    List<RecordSummary> records;

    @BeforeAll
    static void start(Database db, TestChain chain) {
        a = new Adapters(db, chain, dir);
        deposits = new DepositService(a.accounts, a.records, a.keys, new HapiBundleParser(), new FeatureExtractor(),
                d -> {
                }, a.clock);
        erasure = new ErasureService(new PostgresErasureStore(db.jdbi()), AFTER_COMMIT::add, a.clock);
    }

    @BeforeEach
    void aPatientWithRecords() {
        patient = a.open(AccountKind.PATIENT, "Leaving patient");
        records = deposit(patient).orElseThrow().records();
        AFTER_COMMIT.clear();
    }

    static Result<DepositReceipt> deposit(Account p) {
        return deposits.deposit(new DepositService.Command(p, p.id(),
                Bundles.patientWithObservations("erasure " + p.id(), 3), Optional.empty(), "fhir-bundle"));
    }

    void assertNothingErased() {
        assertThat(a.records.listByPatient(patient.id())).hasSameSizeAs(records);
        assertThat(erasure.find(patient.id())).isEmpty();
        assertThat(AFTER_COMMIT).isEmpty();
    }

    @Test
    void anotherAccount_cannotEraseThePatient_norSeeAReceipt() {
        Account other = a.open(AccountKind.PATIENT, "Other patient");

        assertThat(erasure.erase(other, patient.id(), ErasureService.confirmationFor(patient.id())).failure().code())
                .isEqualTo(ErrorCode.ERASURE_BY_PATIENT_ONLY);
        assertThat(erasure.receipt(other, patient.id()).failure().code())
                .isEqualTo(ErrorCode.ERASURE_BY_PATIENT_ONLY);
        assertNothingErased();
    }

    @Test
    void anAccountThatIsNotAPatient_cannotEraseItself() {
        Account hospital = a.open(AccountKind.HOSPITAL, "Hospital");

        assertThat(erasure.erase(hospital, hospital.id(), ErasureService.confirmationFor(hospital.id())).failure()
                .code()).isEqualTo(ErrorCode.NOT_A_PATIENT);
    }

    @Test
    void aWrongOrMissingConfirmation_erasesNothing() {
        for (String confirmation : new String[]{"", "ERASE", "erase " + patient.id(), "ERASE " + a.open(
                AccountKind.PATIENT, "Someone else").id()}) {
            Result<ErasureReceipt> r = erasure.erase(patient, patient.id(), confirmation);
            assertThat(r.failure().code()).as(confirmation).isEqualTo(ErrorCode.ERASURE_NOT_CONFIRMED);
        }

        assertNothingErased();
        assertThat(erasure.receipt(patient, patient.id()).failure().code()).isEqualTo(ErrorCode.NOT_ERASED);
    }

    @Test
    void theConfirmedErasure_shredsEveryRecordOnce_andARepeatReturnsTheFirstReceipt() {
        ErasureReceipt first = erasure.erase(patient, patient.id(), ErasureService.confirmationFor(patient.id()))
                .orElseThrow();

        ErasureReceipt again = erasure.erase(patient, patient.id(), ErasureService.confirmationFor(patient.id()))
                .orElseThrow();

        assertThat(first.patient()).isEqualTo(patient.id());
        assertThat(first.recordsShredded()).isEqualTo(records.size());
        assertThat(first.depositsDeleted()).isEqualTo(1);
        assertThat(again).isEqualTo(first);
        assertThat(AFTER_COMMIT).containsExactly(first);
        assertThat(erasure.receipt(patient, patient.id()).orElseThrow()).isEqualTo(first);
        assertThat(a.records.listByPatient(patient.id())).isEmpty();
        for (RecordSummary r : records) {
            assertThat(a.records.find(r.id())).isEmpty();
        }
        assertThat(a.records.matchIdentifiers(patient.id(), Set.of("urn:salus:test|erasure " + patient.id())))
                .as("the patient's identifiers are forgotten").isEqualTo(RecordStore.IdentifierMatch.NONE_KNOWN);
    }

    @Test
    void afterErasure_theStoreRefusesAnyDepositForThePatient_andOthersAreUnaffected() {
        Account other = a.open(AccountKind.PATIENT, "Staying patient");
        int others = deposit(other).orElseThrow().records().size();
        erasure.erase(patient, patient.id(), ErasureService.confirmationFor(patient.id())).orElseThrow();

        assertThatThrownBy(() -> deposit(patient)).isInstanceOf(SalusException.class);

        assertThat(a.records.listByPatient(patient.id())).isEmpty();
        assertThat(a.records.listByPatient(other.id())).hasSize(others);
        assertThat(erasure.find(other.id())).isEmpty();
    }
}
