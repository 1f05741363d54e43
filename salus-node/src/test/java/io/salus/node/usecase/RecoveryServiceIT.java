package io.salus.node.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.consent.EvmSigner;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import io.salus.core.recovery.RecoveryCompletion;
import io.salus.core.recovery.RecoveryService;
import io.salus.core.recovery.ShamirShare;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.DepositService;
import io.salus.crypto.TinkRecoveryKeys;
import io.salus.fhir.FeatureExtractor;
import io.salus.fhir.HapiBundleParser;
import io.salus.store.Database;
import io.salus.store.PostgresRecoveryStore;
import io.salus.testkit.Bundles;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.postgres.WithPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RecoveryService} and {@link RecoveryCompletion} on GuardianRecovery, the PostgreSQL recovery store and the
 * Tink recovery keys: only the patient names guardians; k approvals on chain, each counted once, and k shares that
 * combine to the registered key rotate it, re-wrap every data key and issue a new token, once; fewer approvals, a
 * wrong claim, an outsider, a stale recovery, a tampered or forged share are refused with their codes and change
 * nothing.
 */
@WithPostgres
@WithChain
class RecoveryServiceIT {
    @TempDir
    static Path dir;
    static Adapters a;
    static Jdbi jdbi;
    static TinkRecoveryKeys recoveryKeys;
    static RecoveryService recovery;
    static RecoveryCompletion completion;
    static DepositService deposits;
    Account patient;
    String patientToken;
    List<Account> guardians;
    List<RecordSummary> records;

    @BeforeAll
    static void start(Database db, TestChain chain) {
        a = new Adapters(db, chain, dir);
        jdbi = db.jdbi();
        PostgresRecoveryStore store = new PostgresRecoveryStore(db.jdbi());
        recoveryKeys = TinkRecoveryKeys.of(a.keys);
        recovery = new RecoveryService(a.accounts, a.keys, new EvmSigner(), recoveryKeys, chain.recovery(), store,
                a.clock, a.random);
        completion = new RecoveryCompletion(a.accounts, recoveryKeys, chain.recovery(), store, a.clock);
        deposits = new DepositService(a.accounts, a.records, a.keys, new HapiBundleParser(), new FeatureExtractor(),
                d -> {
                }, a.clock);
    }

    /** A patient with four records and three guardians (caregiver, physician, patient), two of whom recover. */
    @BeforeEach
    void aGuardedPatientWithRecords() {
        AccountService.Opened opened = a.accountService.open(AccountKind.PATIENT, "Guarded patient").orElseThrow();
        patient = opened.account();
        patientToken = opened.apiToken();
        records = deposits.deposit(new DepositService.Command(patient, patient.id(),
                Bundles.patientWithObservations("recovery " + patient.id(), 3), Optional.empty(), "fhir-bundle"))
                .orElseThrow().records();
        guardians = List.of(a.open(AccountKind.CAREGIVER, "Guardian 1"), a.open(AccountKind.PHYSICIAN, "Guardian 2"),
                a.open(AccountKind.PATIENT, "Guardian 3"));
        recovery.setGuardians(patient, patient.id(), ids(guardians), 2).orElseThrow();
    }

    static List<AccountId> ids(List<Account> accounts) {
        return accounts.stream().map(Account::id).toList();
    }

    byte[] sealedPatientKey() {
        return a.accounts.sealedKeys(patient.id()).orElseThrow().encryptionPrivateKey();
    }

    /** Whether every record of the patient opens as the patient with this KEK-sealed private key. */
    boolean everyRecordOpensWith(byte[] sealedKey) {
        for (RecordSummary summary : records) {
            StoredRecord r = a.records.find(summary.id()).orElseThrow();
            byte[] aad = RecordBinding.associatedData(r.id(), r.patient(), r.category());
            if (!a.keys.openAsPatient(r.sealed(), aad, sealedKey).isOk()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void kApprovals_rotateThePatientsKey_rewrapEveryDataKey_andIssueANewTokenOnce() {
        byte[] oldKey = sealedPatientKey();
        RecoveryService.Opened opened = recovery.open(patient.id()).orElseThrow();
        UUID id = opened.request().id();

        assertThat(recovery.approve(guardians.get(0), id).orElseThrow().chain().approvals()).isEqualTo(1);
        assertThat(recovery.approve(guardians.get(0), id).orElseThrow().chain().approvals()).as("counted once")
                .isEqualTo(1);
        assertThat(completion.complete(id, opened.claim()).failure().code())
                .isEqualTo(ErrorCode.RECOVERY_NOT_ENOUGH_APPROVALS);
        assertThat(recovery.approve(guardians.get(1), id).orElseThrow().chain().executable()).isTrue();
        assertThat(completion.complete(id, "recovery_" + "A".repeat(43)).failure().code())
                .isEqualTo(ErrorCode.RECOVERY_CLAIM_INVALID);

        RecoveryCompletion.Completed done = completion.complete(id, opened.claim()).orElseThrow();
        RecoveryCompletion.Completed repeat = completion.complete(id, opened.claim()).orElseThrow();

        assertThat(done.rewrapped()).isEqualTo(records.size());
        assertThat(done.repeated()).isFalse();
        assertThat(a.accounts.find(patient.id()).orElseThrow().encryptionPublicKey())
                .isEqualTo(opened.request().newPublicKey());
        assertThat(everyRecordOpensWith(sealedPatientKey())).isTrue();
        assertThat(everyRecordOpensWith(oldKey)).as("the retired key opens nothing").isFalse();
        assertThat(a.accountService.authenticate(done.apiToken())).map(Account::id).contains(patient.id());
        assertThat(a.accountService.authenticate(patientToken)).isEmpty();
        assertThat(repeat.apiToken()).isEqualTo(done.apiToken());
        assertThat(repeat.repeated()).isTrue();
        assertThat(recovery.status(id).orElseThrow().chain().executed()).isTrue();
        assertThat(recovery.approve(guardians.get(2), id).failure().code()).isEqualTo(ErrorCode.RECOVERY_CLOSED);
    }

    @Test
    void onlyThePatientNamesGuardians_andInvalidSetsAreRefused() {
        Account caregiver = guardians.get(0);
        Account consumer = a.open(AccountKind.CONSUMER, "Not a guardian kind");
        List<AccountId> two = ids(guardians.subList(0, 2));

        assertThat(recovery.setGuardians(caregiver, patient.id(), two, 1).failure().code())
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(recovery.setGuardians(caregiver, caregiver.id(), ids(List.of(consumer)), 1).failure().code())
                .isEqualTo(ErrorCode.NOT_A_PATIENT);
        for (Result<?> r : List.of(recovery.setGuardians(patient, patient.id(), two, 3),
                recovery.setGuardians(patient, patient.id(), two, 0),
                recovery.setGuardians(patient, patient.id(), List.of(caregiver.id(), caregiver.id()), 1),
                recovery.setGuardians(patient, patient.id(), List.of(caregiver.id(), patient.id()), 1),
                recovery.setGuardians(patient, patient.id(), List.of(consumer.id()), 1),
                recovery.setGuardians(patient, patient.id(), List.of(AccountId.random()), 1))) {
            assertThat(r.failure().code()).isEqualTo(ErrorCode.RECOVERY_INVALID_GUARDIANS);
        }
        assertThat(recovery.guardians(patient.id()).orElseThrow().guardians()).hasSize(3);
    }

    @Test
    void aPatientWithoutGuardians_orAnUnknownAccount_cannotBeRecovered() {
        Account unguarded = a.open(AccountKind.PATIENT, "Unguarded patient");

        assertThat(recovery.open(unguarded.id()).failure().code()).isEqualTo(ErrorCode.RECOVERY_NO_GUARDIANS);
        assertThat(recovery.open(AccountId.random()).failure().code()).isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND);
    }

    @Test
    void anOutsider_cannotApprove_andAnUnknownRecoveryIsNotFound() {
        Account outsider = a.open(AccountKind.CAREGIVER, "Outsider");
        UUID id = recovery.open(patient.id()).orElseThrow().request().id();

        assertThat(recovery.approve(outsider, id).failure().code()).isEqualTo(ErrorCode.RECOVERY_NOT_A_GUARDIAN);
        assertThat(recovery.approve(guardians.get(0), UUID.randomUUID()).failure().code())
                .isEqualTo(ErrorCode.RECOVERY_NOT_FOUND);
        assertThat(completion.complete(UUID.randomUUID(), "recovery_" + "A".repeat(43)).failure().code())
                .isEqualTo(ErrorCode.RECOVERY_NOT_FOUND);
        assertThat(recovery.status(id).orElseThrow().chain().approvals()).isZero();
    }

    @Test
    void guardiansNamedAfterARecoveryOpened_makeItStale() {
        UUID id = recovery.open(patient.id()).orElseThrow().request().id();
        recovery.setGuardians(patient, patient.id(), ids(guardians.subList(1, 3)), 1).orElseThrow();

        assertThat(recovery.approve(guardians.get(1), id).failure().code()).isEqualTo(ErrorCode.RECOVERY_STALE);
    }

    @Test
    void aStoredShareAlteredAtRest_isRefusedWhenTheGuardianApproves() {
        UUID id = recovery.open(patient.id()).orElseThrow().request().id();
        jdbi.useHandle(h -> h.createUpdate("UPDATE recovery_share SET sealed = :s WHERE patient = :p AND guardian = :g")
                .bind("s", new byte[]{1, 2, 3}).bind("p", patient.id().value())
                .bind("g", guardians.get(0).id().value()).execute());

        assertThat(recovery.approve(guardians.get(0), id).failure().code())
                .isEqualTo(ErrorCode.RECOVERY_SHARE_TAMPERED);
        assertThat(recovery.status(id).orElseThrow().approvedBy()).isEmpty();
    }

    @Test
    void aForgedShare_failsClosedWithItsOwnCode_andChangesNothing() {
        byte[] oldKey = sealedPatientKey();
        RecoveryService.Opened opened = recovery.open(patient.id()).orElseThrow();
        UUID id = opened.request().id();
        recovery.approve(guardians.get(0), id).orElseThrow();
        recovery.approve(guardians.get(1), id).orElseThrow();
        int x = jdbi
                .withHandle(h -> h.createQuery("SELECT x FROM recovery_approval WHERE recovery = :r AND guardian = :g")
                        .bind("r", id).bind("g", guardians.get(1).id().value()).mapTo(Integer.class).one());
        byte[] forged = new byte[32];
        a.random.nextBytes(forged);
        byte[] sealed = recoveryKeys.seal(opened.request().newPublicKey(), new ShamirShare(x, forged).encode(),
                ("salus/recovery-approval/1|" + id + "|" + x).getBytes(StandardCharsets.UTF_8));
        jdbi.useHandle(h -> h.createUpdate("UPDATE recovery_approval SET resealed = :s WHERE recovery = :r AND x = :x")
                .bind("s", sealed).bind("r", id).bind("x", x).execute());

        assertThat(completion.complete(id, opened.claim()).failure().code())
                .isEqualTo(ErrorCode.RECOVERY_KEY_MISMATCH);

        assertThat(sealedPatientKey()).isEqualTo(oldKey);
        assertThat(everyRecordOpensWith(oldKey)).isTrue();
        assertThat(a.accountService.authenticate(patientToken)).map(Account::id).contains(patient.id());
    }
}
