package io.salus.chain.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.TestChains;
import io.salus.chain.consent.EvmSigner;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.recovery.RecoveryPayloads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GuardianRecovery on its own (no node): an approved recovery waits the contract's waiting period before it can be
 * executed, and the patient can cancel it with their key until then; nobody else's signature cancels it.
 */
class GuardianRecoveryContractIT {
    static final Duration WAIT = Duration.ofHours(48);
    static final EvmSigner SIGNER = new EvmSigner();
    @TempDir
    static Path dir;
    static TestChains.Node node;
    static EvmRecoveryLedger ledger;
    /** How far the tests moved the chain's clock ahead of the wall clock (deadlines are on the chain's clock). */
    static Duration travelled = Duration.ZERO;

    @BeforeAll
    static void start() {
        node = TestChains.Node.start(TestChains.config(dir.resolve("chain")));
        ledger = EvmRecoveryLedger.on(node.ledger(),
                RecoveryDeployment.ensureDeployed(node.ledger(), dir.resolve("guardian-recovery.json"), WAIT));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    static byte[] key(String name) {
        return Hashing.keccak256(name.getBytes(StandardCharsets.UTF_8)).bytes();
    }

    static <T> Signed<T> sign(T payload, byte[] key) {
        EvmAddress signer = EvmSigner.addressOf(key);
        Instant deadline = Instant.ofEpochSecond(Instant.now().plus(travelled).plusSeconds(3600).getEpochSecond());
        Signed<T> unsigned = new Signed<>(payload, signer, ledger.nextNonce(signer), deadline, new byte[0]);
        return new Signed<>(payload, signer, unsigned.nonce(), deadline, SIGNER.sign(ledger.digest(unsigned), key));
    }

    record Opened(byte[] patientKey, List<byte[]> guardianKeys, long requestId, Hash32 newKey) {
    }

    /** A patient with guardians g1, g2 (k = 2) and a recovery opened by g1, approved by both. */
    static Opened approvedRecovery(String tag) {
        byte[] patient = key(tag + " patient");
        List<byte[]> guardians = List.of(key(tag + " g1"), key(tag + " g2"));
        ledger.setGuardians(sign(new RecoveryPayloads.SetGuardians(EvmSigner.addressOf(patient),
                guardians.stream().map(EvmSigner::addressOf).toList(),
                List.of(Hashing.keccak256(new byte[]{1}), Hashing.keccak256(new byte[]{2})), 2), patient))
                .orElseThrow();
        Hash32 newKey = Hashing.keccak256((tag + " new key").getBytes(StandardCharsets.UTF_8));
        long id = ledger.open(EvmSigner.addressOf(patient), newKey, EvmSigner.addressOf(guardians.get(0)))
                .orElseThrow().requestId();
        for (byte[] g : guardians) {
            ledger.approve(sign(new RecoveryPayloads.Approve(id, EvmSigner.addressOf(g), newKey), g)).orElseThrow();
        }
        return new Opened(patient, guardians, id, newKey);
    }

    static void travel(Duration d) {
        travelled = travelled.plus(d);
        try {
            node.ledger().access().rpc().raw("evm_increaseTime", List.of(d.toSeconds()));
            node.ledger().access().rpc().raw("evm_mine", List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void recoveryCompletedBeforeWaitingPeriod_reverts_andSucceedsOnceItHasPassed() {
        Opened o = approvedRecovery("waiting");
        var chain = ledger.request(o.requestId());
        assertThat(chain.approved()).isTrue();
        assertThat(chain.executable()).as("approved, but inside the waiting period").isFalse();
        assertThat(chain.executableAt()).contains(chain.readyAt().orElseThrow().plus(WAIT));
        assertThat(ledger.waitingPeriod()).isEqualTo(WAIT);

        assertThat(ledger.markExecuted(o.requestId()).failure().code()).isEqualTo(ErrorCode.RECOVERY_WAITING);
        travel(WAIT.minusMinutes(5));
        assertThat(ledger.markExecuted(o.requestId()).failure().code()).isEqualTo(ErrorCode.RECOVERY_WAITING);

        travel(Duration.ofMinutes(6));
        assertThat(ledger.request(o.requestId()).executable()).isTrue();
        assertThat(ledger.markExecuted(o.requestId()).isOk()).isTrue();
        assertThat(ledger.request(o.requestId()).executed()).isTrue();
        assertThat(ledger.cancel(o.requestId()).failure().code()).as("too late to cancel")
                .isEqualTo(ErrorCode.RECOVERY_CLOSED);
    }

    @Test
    void patientCancelsRecovery_withTheirKey_andNoApprovalOrExecutionFollows() {
        Opened o = approvedRecovery("cancelled by key");
        EvmAddress patient = EvmSigner.addressOf(o.patientKey());

        var byGuardian = sign(new RecoveryPayloads.Cancel(o.requestId(), patient), o.guardianKeys().get(0));
        assertThat(ledger.cancelBySig(byGuardian).failure().code()).as("a guardian's signature cancels nothing")
                .isEqualTo(ErrorCode.INVALID_SIGNATURE);
        Signed<RecoveryPayloads.Cancel> forged = new Signed<>(byGuardian.payload(), patient, byGuardian.nonce(),
                byGuardian.deadline(), byGuardian.signature());
        assertThat(ledger.cancelBySig(forged).failure().code()).as("the contract checks the signer")
                .isEqualTo(ErrorCode.INVALID_SIGNATURE);

        assertThat(ledger.cancelBySig(sign(new RecoveryPayloads.Cancel(o.requestId(), patient), o.patientKey()))
                .isOk()).isTrue();
        assertThat(ledger.request(o.requestId()).cancelled()).isTrue();
        travel(WAIT.plusHours(1));
        assertThat(ledger.request(o.requestId()).executable()).isFalse();
        assertThat(ledger.markExecuted(o.requestId()).failure().code()).isEqualTo(ErrorCode.RECOVERY_CANCELLED);
        assertThat(ledger.cancel(o.requestId()).failure().code()).isEqualTo(ErrorCode.RECOVERY_CANCELLED);
    }

    @Test
    void aCancelledRecovery_cannotBeApproved() {
        byte[] patient = key("cancel before approval patient");
        byte[] g = key("cancel before approval guardian");
        ledger.setGuardians(sign(new RecoveryPayloads.SetGuardians(EvmSigner.addressOf(patient),
                List.of(EvmSigner.addressOf(g)), List.of(Hashing.keccak256(new byte[]{3})), 1), patient))
                .orElseThrow();
        Hash32 newKey = Hashing.keccak256(new byte[]{9});
        long id = ledger.open(EvmSigner.addressOf(patient), newKey, EvmSigner.addressOf(g)).orElseThrow()
                .requestId();
        assertThat(ledger.cancel(id).isOk()).as("the node cancels for an authenticated patient").isTrue();
        assertThat(ledger.approve(sign(new RecoveryPayloads.Approve(id, EvmSigner.addressOf(g), newKey), g))
                .failure().code()).isEqualTo(ErrorCode.RECOVERY_CANCELLED);
    }
}
