package io.salus.chain.trial;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.TestChains;
import io.salus.chain.consent.EvmSigner;
import io.salus.chain.deals.EvmDealLedger;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.TrialEscrow;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.trial.Milestone;
import io.salus.core.trial.StudyTerms;
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
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * TrialEscrow on its own (no node) on a real anvil chain: the escrow pays a fee only against the patient's own
 * study-scoped signature, once per patient, at most cap patients, only when the enroller sends it, and returns the
 * rest to the sponsor only after the deadline.
 */
class TrialEscrowContractIT {
    static final EvmSigner SIGNER = new EvmSigner();
    static final long FEE = 5_000_000;
    @TempDir
    static Path dir;
    static TestChains.Node node;
    static EvmDealLedger deals;
    static EvmTrialLedger trials;
    static Duration travelled = Duration.ZERO;

    @BeforeAll
    static void start() {
        node = TestChains.Node.start(TestChains.config(dir.resolve("chain")));
        deals = EvmDealLedger.on(node.ledger(), a -> node.chain().fund(a), EvmDealLedger.DEFAULT_CHUNK);
        trials = EvmTrialLedger.on(node.ledger(), TrialDeployment.ensureDeployed(node.ledger(), deals.token(),
                dir.resolve("trial-escrow.json")), deals.token(), a -> node.chain().fund(a));
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

    static Hash32 id(String name) {
        return Hashing.keccak256(("study " + name).getBytes(StandardCharsets.UTF_8));
    }

    /** A funded study of a fresh sponsor holding exactly fee × cap tokens. */
    static Hash32 funded(String name, int cap, Duration open) {
        byte[] sponsor = key(name + " sponsor");
        deals.mint(EvmSigner.addressOf(sponsor), FEE * cap);
        Hash32 study = id(name);
        trials.fund(study, terms(cap, open), Hash32.ZERO, sponsor).orElseThrow();
        return study;
    }

    static StudyTerms terms(int cap, Duration open) {
        return new StudyTerms(FEE, cap, Instant.ofEpochSecond(trials.chainTime().plus(open).getEpochSecond()));
    }

    static Result<TxRef> enrol(Hash32 study, byte[] patient) {
        EvmAddress p = EvmSigner.addressOf(patient);
        return trials.enrol(study, p, p, SIGNER.sign(trials.consentDigest(study, p, p), patient));
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
    void consentDigest_isTheOneTheContractComputes() {
        EvmAddress p = EvmSigner.addressOf(key("digest patient"));
        EvmAddress payee = EvmSigner.addressOf(key("digest payee"));
        assertThat(trials.consentDigest(id("digest"), p, payee)).isEqualTo(trials.contractDigest(id("digest"), p,
                payee));
    }

    @Test
    void fund_pullsFeeTimesCapFromTheSponsor_andRefusesAnUnderfundedSponsor() {
        long before = trials.totalEscrow();
        Hash32 study = funded("pull", 3, Duration.ofHours(1));
        assertThat(trials.totalEscrow() - before).isEqualTo(3 * FEE);
        assertThat(deals.balanceOf(EvmSigner.addressOf(key("pull sponsor")))).isZero();
        assertThat(trials.study(study).orElseThrow().cap()).isEqualTo(3);

        byte[] poor = key("poor sponsor");
        deals.mint(EvmSigner.addressOf(poor), FEE);
        assertThat(trials.fund(id("poor"), terms(2, Duration.ofHours(1)), Hash32.ZERO, poor).failure().code())
                .isEqualTo(ErrorCode.TRIAL_INSUFFICIENT_FUNDS);
        assertThat(trials.study(id("poor"))).isEmpty();
    }

    @Test
    void enrol_paysThePatientOnce_andARepeatReturnsTheSameTransactionWithoutPayingTwice() {
        Hash32 study = funded("once", 2, Duration.ofHours(1));
        byte[] patient = key("once patient");
        EvmAddress p = EvmSigner.addressOf(patient);

        TxRef first = enrol(study, patient).orElseThrow();
        TxRef again = enrol(study, patient).orElseThrow();

        assertThat(again.txHash()).isEqualTo(first.txHash());
        assertThat(deals.balanceOf(p)).isEqualTo(FEE);
        assertThat(trials.study(study).orElseThrow().enrolled()).isEqualTo(1);
    }

    @Test
    void enrolTwiceSentStraightToTheContract_revertsAlreadyEnrolled() {
        Hash32 study = funded("twice", 2, Duration.ofHours(1));
        byte[] patient = key("twice patient");
        EvmAddress p = EvmSigner.addressOf(patient);
        byte[] sig = SIGNER.sign(trials.consentDigest(study, p, p), patient);
        enrol(study, patient).orElseThrow();

        Result<?> second = Reverts.TRIALS.send(node.ledger().access().sender(), trials.contract(), enrolCall(study, p,
                p, sig), EvmTrialLedger.ENROL_GAS);

        assertThat(second.failure().code()).isEqualTo(ErrorCode.TRIAL_ALREADY_ENROLLED);
        assertThat(deals.balanceOf(p)).isEqualTo(FEE);
    }

    @Test
    void enrolBeyondTheCap_isRefused() {
        Hash32 study = funded("cap", 1, Duration.ofHours(1));
        enrol(study, key("cap patient 1")).orElseThrow();
        byte[] second = key("cap patient 2");
        EvmAddress p = EvmSigner.addressOf(second);
        byte[] sig = SIGNER.sign(trials.consentDigest(study, p, p), second);

        assertThat(enrol(study, second).failure().code()).isEqualTo(ErrorCode.TRIAL_FULL);
        assertThat(Reverts.TRIALS.send(node.ledger().access().sender(), trials.contract(), enrolCall(study, p, p,
                sig), EvmTrialLedger.ENROL_GAS).failure().code()).isEqualTo(ErrorCode.TRIAL_FULL);
        assertThat(deals.balanceOf(p)).isZero();
    }

    @Test
    void enrolWithoutThePatientsOwnSignature_isRefused_evenToAnotherPayee() {
        Hash32 study = funded("unsigned", 2, Duration.ofHours(1));
        EvmAddress patient = EvmSigner.addressOf(key("unsigned patient"));
        byte[] thief = key("unsigned thief");
        EvmAddress thiefAddress = EvmSigner.addressOf(thief);
        byte[] forged = SIGNER.sign(trials.consentDigest(study, patient, thiefAddress), thief);

        assertThat(trials.enrol(study, patient, thiefAddress, forged).failure().code())
                .isEqualTo(ErrorCode.TRIAL_CONSENT_NOT_SIGNED);
        assertThat(deals.balanceOf(thiefAddress)).isZero();
    }

    @Test
    void anotherAccountThanTheEnroller_cannotPayOutOfAStudy() {
        Hash32 study = funded("rival", 2, Duration.ofHours(1));
        byte[] rival = key("rival sponsor");
        node.chain().fund(EvmSigner.addressOf(rival));
        EvmAddress r = EvmSigner.addressOf(rival);
        byte[] sig = SIGNER.sign(trials.consentDigest(study, r, r), rival);
        TxSender asRival = node.ledger().access().sender().forAccount(Credentials.create(ECKeyPair.create(rival)));

        Result<?> paid = Reverts.TRIALS.send(asRival, trials.contract(), enrolCall(study, r, r, sig),
                EvmTrialLedger.ENROL_GAS);

        assertThat(paid.failure().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(deals.balanceOf(r)).isZero();
        assertThat(trials.study(study).orElseThrow().enrolled()).isZero();
    }

    @Test
    void refund_waitsForTheDeadline_thenReturnsWhatWasNotPaid_once() {
        Hash32 study = funded("refund", 3, Duration.ofSeconds(120));
        enrol(study, key("refund patient")).orElseThrow();
        assertThat(trials.refund(study).failure().code()).isEqualTo(ErrorCode.TRIAL_STILL_OPEN);

        travel(Duration.ofSeconds(180));
        TxRef refunded = trials.refund(study).orElseThrow();

        EvmAddress sponsor = EvmSigner.addressOf(key("refund sponsor"));
        assertThat(deals.balanceOf(sponsor)).isEqualTo(2 * FEE);
        assertThat(trials.refund(study).orElseThrow().txHash()).isEqualTo(refunded.txHash());
        assertThat(deals.balanceOf(sponsor)).isEqualTo(2 * FEE);
        assertThat(enrol(study, key("late patient")).failure().code()).isEqualTo(ErrorCode.TRIAL_CLOSED);
    }

    static final List<Milestone> MILESTONES = List.of(new Milestone("baseline visit", 1_000_000),
            new Milestone("week 12 visit", 2_000_000));
    static final long MILESTONE_FEES = 3_000_000;

    /** A funded study with two milestones, of a fresh sponsor holding exactly (fee + milestone fees) × cap tokens. */
    static Hash32 fundedWithMilestones(String name, int cap, Duration open) {
        byte[] sponsor = key(name + " sponsor");
        deals.mint(EvmSigner.addressOf(sponsor), (FEE + MILESTONE_FEES) * cap);
        Hash32 study = id(name);
        StudyTerms plain = terms(cap, open);
        trials.fund(study, new StudyTerms(FEE, cap, plain.deadline(), MILESTONES), Hash32.ZERO, sponsor)
                .orElseThrow();
        return study;
    }

    @Test
    void milestone_isPaidOnceToTheEnrolledPatient_fromTheFundedEscrow_andARepeatReturnsTheSameTransaction() {
        long before = trials.totalEscrow();
        Hash32 study = fundedWithMilestones("milestone once", 2, Duration.ofHours(1));
        assertThat(trials.totalEscrow() - before).as("(fee + milestone fees) × cap funded up front")
                .isEqualTo(2 * (FEE + MILESTONE_FEES));
        assertThat(trials.milestoneFees(study)).containsExactly(1_000_000L, 2_000_000L);
        byte[] sponsor = key("milestone once sponsor");
        byte[] patient = key("milestone once patient");
        EvmAddress p = EvmSigner.addressOf(patient);
        enrol(study, patient).orElseThrow();

        TxRef first = trials.payMilestone(study, 1, p, sponsor).orElseThrow();
        TxRef again = trials.payMilestone(study, 1, p, sponsor).orElseThrow();

        assertThat(again.txHash()).isEqualTo(first.txHash());
        assertThat(trials.milestonePaid(study, p, 1)).isTrue();
        assertThat(trials.milestonePaid(study, p, 0)).isFalse();
        assertThat(deals.balanceOf(p)).isEqualTo(FEE + 2_000_000);
        TxSender asSponsor = node.ledger().access().sender().forAccount(Credentials.create(ECKeyPair.create(
                sponsor)));
        assertThat(Reverts.TRIALS.send(asSponsor, trials.contract(), milestoneCall(study, 1, p),
                EvmTrialLedger.MILESTONE_GAS).failure().code()).as("a second payment sent straight to the contract")
                .isEqualTo(ErrorCode.TRIAL_MILESTONE_ALREADY_PAID);
        assertThat(deals.balanceOf(p)).isEqualTo(FEE + 2_000_000);
    }

    @Test
    void milestone_forAPatientNotEnrolled_orAnUndeclaredMilestone_isRefused() {
        Hash32 study = fundedWithMilestones("milestone stranger", 2, Duration.ofHours(1));
        byte[] sponsor = key("milestone stranger sponsor");
        EvmAddress stranger = EvmSigner.addressOf(key("milestone stranger patient"));
        assertThat(trials.payMilestone(study, 0, stranger, sponsor).failure().code())
                .isEqualTo(ErrorCode.TRIAL_NOT_ENROLLED);
        TxSender asSponsor = node.ledger().access().sender().forAccount(Credentials.create(ECKeyPair.create(
                sponsor)));
        assertThat(Reverts.TRIALS.send(asSponsor, trials.contract(), milestoneCall(study, 0, stranger),
                EvmTrialLedger.MILESTONE_GAS).failure().code()).isEqualTo(ErrorCode.TRIAL_NOT_ENROLLED);
        byte[] patient = key("milestone stranger enrolled");
        enrol(study, patient).orElseThrow();
        assertThat(Reverts.TRIALS.send(asSponsor, trials.contract(), milestoneCall(study, 2, EvmSigner.addressOf(
                patient)), EvmTrialLedger.MILESTONE_GAS).failure().code()).isEqualTo(
                        ErrorCode.TRIAL_MILESTONE_UNKNOWN);
        assertThat(deals.balanceOf(stranger)).isZero();
        assertThat(deals.balanceOf(EvmSigner.addressOf(patient))).isEqualTo(FEE);
    }

    @Test
    void milestone_attestedByAnotherSponsorOrByTheEnroller_isRefused() {
        Hash32 study = fundedWithMilestones("milestone rival", 2, Duration.ofHours(1));
        fundedWithMilestones("milestone rival own", 1, Duration.ofHours(1));
        byte[] rival = key("milestone rival own sponsor");
        byte[] patient = key("milestone rival patient");
        EvmAddress p = EvmSigner.addressOf(patient);
        enrol(study, patient).orElseThrow();

        assertThat(trials.payMilestone(study, 0, p, rival).failure().code()).isEqualTo(ErrorCode.FORBIDDEN);
        TxSender asRival = node.ledger().access().sender().forAccount(Credentials.create(ECKeyPair.create(rival)));
        assertThat(Reverts.TRIALS.send(asRival, trials.contract(), milestoneCall(study, 0, p),
                EvmTrialLedger.MILESTONE_GAS).failure().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(Reverts.TRIALS.send(node.ledger().access().sender(), trials.contract(), milestoneCall(study, 0, p),
                EvmTrialLedger.MILESTONE_GAS).failure().code()).as("the enroller (the node) cannot release it either")
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(deals.balanceOf(p)).isEqualTo(FEE);
        assertThat(trials.milestonePaid(study, p, 0)).isFalse();
    }

    @Test
    void refund_afterTheDeadline_returnsTheMilestoneFeesNotPaid() {
        Hash32 study = fundedWithMilestones("milestone refund", 2, Duration.ofSeconds(120));
        byte[] sponsor = key("milestone refund sponsor");
        byte[] patient = key("milestone refund patient");
        EvmAddress p = EvmSigner.addressOf(patient);
        enrol(study, patient).orElseThrow();
        trials.payMilestone(study, 0, p, sponsor).orElseThrow();

        travel(Duration.ofSeconds(180));
        assertThat(trials.payMilestone(study, 1, p, sponsor).failure().code()).as("after the deadline")
                .isEqualTo(ErrorCode.TRIAL_CLOSED);
        trials.refund(study).orElseThrow();

        assertThat(deals.balanceOf(EvmSigner.addressOf(sponsor))).isEqualTo(FEE + 2 * MILESTONE_FEES - 1_000_000);
        assertThat(deals.balanceOf(p)).isEqualTo(FEE + 1_000_000);
    }

    static String milestoneCall(Hash32 study, int index, EvmAddress patient) {
        return Abi.encode(TrialEscrow.FUNC_PAYMILESTONE, new Bytes32(study.bytes()), new Uint8(index), new Address(
                patient.hex()));
    }

    static String enrolCall(Hash32 study, EvmAddress patient, EvmAddress payee, byte[] sig) {
        return Abi.encode(TrialEscrow.FUNC_ENROL, new Bytes32(study.bytes()), new Address(patient.hex()),
                new Address(payee.hex()), new DynamicBytes(sig));
    }
}
