package io.salus.chain.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.TestChains;
import io.salus.chain.consent.EvmSigner;
import io.salus.chain.deals.EvmDealLedger;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.StudyPayouts;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.Split;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.merkle.MerkleTree;
import io.salus.core.port.StudyPayoutLedger.Part;
import io.salus.core.record.Category;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * StudyPayouts on its own (no node) on a real anvil chain, against a committed DataDeals deal: a member's part pays
 * only leaves proven against its own root, never beyond its cap, each payee once, with the deal's price and split;
 * only the settler declares and pays, only the deal's consumer funds; the study is settled only when every part is.
 */
class StudyPayoutsContractIT {
    static final long PRICE = 1_000_000;
    static final Split SPLIT = new Split(6_000, 1_000, 500, 1_000, 1_500);
    static final EvmAddress HOSPITAL_A = address("hospital A");
    static final EvmAddress HOSPITAL_B = address("hospital B");
    @TempDir
    static Path dir;
    static TestChains.Node node;
    static EvmDealLedger deals;
    static EvmStudyPayouts payouts;

    @BeforeAll
    static void start() {
        node = TestChains.Node.start(TestChains.config(dir.resolve("chain")));
        deals = EvmDealLedger.on(node.ledger(), a -> node.chain().fund(a), EvmDealLedger.DEFAULT_CHUNK);
        payouts = EvmStudyPayouts.on(node.ledger(), StudyPayoutsDeployment.ensureDeployed(node.ledger(),
                deals.token(), deals.contracts().dataDeals(), dir.resolve("study-payouts.json")), deals.token(),
                a -> node.chain().fund(a));
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

    static EvmAddress address(String name) {
        return EvmSigner.addressOf(key(name));
    }

    static Hash32 id(String name) {
        return Hashing.keccak256(name.getBytes(StandardCharsets.UTF_8));
    }

    /** A committed deal of a consumer who also holds {@code extra} tokens for the study's parts. */
    static Hash32 committedDeal(String name, long extra) {
        byte[] consumer = key(name + " consumer");
        deals.mint(EvmSigner.addressOf(consumer), PRICE + extra);
        Hash32 deal = id(name + " deal");
        deals.post(deal, new DealTerms(Hash32.of(new byte[32]), Category.VITAL_SIGNS.mask(), Purpose.HRESCH, PRICE,
                1, Instant.ofEpochSecond(deals.chainTime().plus(Duration.ofHours(1)).getEpochSecond()), SPLIT),
                consumer).orElseThrow();
        deals.commitCohort(deal, id(name + " home root")).orElseThrow();
        return deal;
    }

    /** A part's payees: {@code n} patients without caregiver or providers. */
    static List<Payout> payees(String name, int n) {
        return IntStream.range(0, n).mapToObj(i -> new Payout(id(name + " pseudonym " + i), address(name + " " + i),
                Optional.empty(), List.of())).toList();
    }

    static MerkleTree tree(Hash32 study, EvmAddress member, List<Payout> leaves) {
        Hash32 key = payouts.partKey(study, member);
        return MerkleTree.of(leaves.stream().map(p -> p.leaf(key)).toList());
    }

    static List<ProvenPayout> proven(MerkleTree tree, List<Payout> leaves) {
        List<ProvenPayout> out = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            out.add(new ProvenPayout(leaves.get(i), tree.proof(i)));
        }
        return out;
    }

    @Test
    void eachPartPaysOnlyItsOwnLeaves_withTheDealsSplit_andTheStudyIsSettledOnlyWhenEveryPartIs() {
        Hash32 deal = committedDeal("own", 3 * PRICE);
        Hash32 study = id("own study");
        List<Payout> a = payees("own A", 2);
        List<Payout> b = payees("own B", 1);
        MerkleTree ta = tree(study, HOSPITAL_A, a);
        MerkleTree tb = tree(study, HOSPITAL_B, b);
        payouts.declare(study, deal, List.of(new Part(HOSPITAL_A, ta.root(), 2), new Part(HOSPITAL_B, tb.root(), 1)))
                .orElseThrow();
        assertThat(payouts.settlePart(study, HOSPITAL_A, proven(ta, a)).failure().code())
                .as("nothing is paid before the consumer funds").isEqualTo(ErrorCode.STUDY_PAYOUT_REFUSED);
        payouts.fund(study, key("own consumer")).orElseThrow();
        assertThat(payouts.totalEscrow()).isGreaterThanOrEqualTo(3 * PRICE);

        assertThat(payouts.settlePart(study, HOSPITAL_B, proven(ta, a).subList(0, 1)).failure().code())
                .as("hospital A's patient is not payable in hospital B's part")
                .isEqualTo(ErrorCode.STUDY_PAYOUT_REFUSED);
        payouts.settlePart(study, HOSPITAL_A, proven(ta, a)).orElseThrow();
        assertThat(payouts.settled(study)).as("hospital B's part is not paid yet").isFalse();
        payouts.settlePart(study, HOSPITAL_B, proven(tb, b)).orElseThrow();

        assertThat(payouts.settled(study)).isTrue();
        assertThat(deals.balanceOf(a.get(0).patient())).as("the patient's part with the unused caregiver's and "
                + "providers' parts, as DataDeals pays").isEqualTo(PRICE * 7_500 / 10_000);
        assertThat(deals.balanceOf(b.get(0).patient())).isEqualTo(PRICE * 7_500 / 10_000);
    }

    @Test
    void aPartIsNeverPaidBeyondItsCap_andARetryPaysNobodyTwice() {
        Hash32 deal = committedDeal("cap", 3 * PRICE);
        Hash32 study = id("cap study");
        List<Payout> a = payees("cap A", 3);
        MerkleTree ta = tree(study, HOSPITAL_A, a);
        payouts.declare(study, deal, List.of(new Part(HOSPITAL_A, ta.root(), 2))).orElseThrow();
        payouts.fund(study, key("cap consumer")).orElseThrow();

        assertThat(payouts.settlePart(study, HOSPITAL_A, proven(ta, a)).failure().code())
                .as("three leaves in a part declared for two").isEqualTo(ErrorCode.STUDY_PAYOUT_REFUSED);
        payouts.settlePart(study, HOSPITAL_A, proven(ta, a).subList(0, 2)).orElseThrow();
        assertThat(payouts.settlePart(study, HOSPITAL_A, proven(ta, a).subList(2, 3)).failure().code())
                .isEqualTo(ErrorCode.STUDY_PAYOUT_REFUSED);
        long paid = deals.balanceOf(a.get(0).patient());
        assertThat(payouts.settlePart(study, HOSPITAL_A, proven(ta, a).subList(0, 2)).orElseThrow())
                .as("a retry of a paid part sends nothing").isEmpty();
        assertThat(deals.balanceOf(a.get(0).patient())).isEqualTo(paid);
        assertThat(deals.balanceOf(a.get(2).patient())).isZero();
        assertThat(payouts.settled(study)).isTrue();
        assertThat(payouts.declare(study, deal, List.of(new Part(HOSPITAL_A, ta.root(), 2))).isOk())
                .as("the same declaration again is the first").isTrue();
        assertThat(payouts.declare(study, deal, List.of(new Part(HOSPITAL_A, ta.root(), 3))).failure().code())
                .isEqualTo(ErrorCode.STUDY_PAYOUT_REFUSED);
    }

    @Test
    void onlyTheSettlerDeclares_onlyTheConsumerFunds_andAnUnderfundedConsumerIsRefused() {
        Hash32 deal = committedDeal("roles", 0);
        Hash32 study = id("roles study");
        List<Payout> a = payees("roles A", 1);
        MerkleTree ta = tree(study, HOSPITAL_A, a);
        TxSender stranger = node.ledger().access().sender().forAccount(Credentials.create(ECKeyPair.create(key(
                "roles stranger"))));
        node.chain().fund(new EvmAddress(stranger.from()));
        assertThat(Reverts.STUDY_PAYOUTS.send(stranger, payouts.contract(), Abi.encode(StudyPayouts.FUNC_DECLARE,
                new Bytes32(study.bytes()), new Bytes32(deal.bytes()), new DynamicArray<>(Address.class,
                        List.of(new Address(HOSPITAL_A.hex()))),
                new DynamicArray<>(Bytes32.class, List.of(
                        new Bytes32(ta.root().bytes()))),
                new DynamicArray<>(Uint32.class, List.of(
                        new Uint32(1)))))
                .failure().code()).isEqualTo(ErrorCode.FORBIDDEN);
        payouts.declare(study, deal, List.of(new Part(HOSPITAL_A, ta.root(), 1))).orElseThrow();

        assertThat(payouts.fund(study, key("roles stranger")).failure().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(payouts.fund(study, key("roles consumer")).failure().code())
                .isEqualTo(ErrorCode.STUDY_PAYOUT_INSUFFICIENT_FUNDS);
        assertThat(payouts.settled(study)).isFalse();
    }
}
