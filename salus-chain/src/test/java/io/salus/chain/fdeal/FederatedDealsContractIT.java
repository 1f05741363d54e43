package io.salus.chain.fdeal;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.TestChains;
import io.salus.chain.consent.EvmSigner;
import io.salus.chain.deals.EvmDealLedger;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.NodeRegistry;
import io.salus.core.account.EvmAddress;
import io.salus.core.record.Category;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.Split;
import io.salus.core.error.ErrorCode;
import io.salus.core.fdeal.FederatedPart;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.merkle.MerkleTree;
import io.salus.core.port.DealLedger.PackageHashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;

/**
 * FederatedDeals on its own (no node) on a real anvil chain with a real NodeRegistry (decision 0035): one escrow,
 * each member commits and settles only its own part, within its allotment, its key released only by its closing chunk;
 * a node that is not an active member can do neither.
 */
class FederatedDealsContractIT {
    static final long PRICE = 1_000_000;
    static final Split SPLIT = new Split(6_000, 1_000, 500, 1_000, 1_500);
    static final PackageHashes HASHES = new PackageHashes(hash("package"), hash("ciphertext"));
    @TempDir
    static Path dir;
    static TestChains.Node node;
    static EvmDealLedger tokens;
    static TxSender admin;
    static EvmAddress registry;
    static EvmFederatedDeals hospitalA;
    static EvmFederatedDeals hospitalB;

    @BeforeAll
    static void start() {
        node = TestChains.Node.start(TestChains.config(dir.resolve("chain")));
        tokens = EvmDealLedger.on(node.ledger(), a -> node.chain().fund(a), EvmDealLedger.DEFAULT_CHUNK);
        admin = node.ledger().access().sender();
        registry = new EvmAddress(admin.send(null, "0x" + NodeRegistry.BINARY + Abi.encodeConstructor(new Address(
                admin.from()), new Address(EvmSigner.addressOf(key("A")).hex()), new Utf8String("Hospital A"),
                new Bytes32(key("A signing")), new DynamicArray<>(Bytes32.class, List.of()),
                new DynamicArray<>(Address.class, List.of()))).getContractAddress());
        admit("B");
        EvmFederatedDeals base = EvmFederatedDeals.on(node.ledger(), EvmFederatedDeals.deploy(node.ledger(),
                registry), a -> node.chain().fund(a), 2);
        hospitalA = base.asMember(key("A"));
        hospitalB = base.asMember(key("B"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    static byte[] key(String name) {
        return Hashing.keccak256(("fdeal " + name).getBytes(StandardCharsets.UTF_8)).bytes();
    }

    static Hash32 hash(String s) {
        return Hashing.keccak256(s.getBytes(StandardCharsets.UTF_8));
    }

    static void admit(String name) {
        admin.send(registry.hex(), Abi.encode(NodeRegistry.FUNC_ADMIT, new Address(EvmSigner.addressOf(key(name))
                .hex()), new Utf8String("Hospital " + name), new Utf8String(""), new Bytes32(key(name + " signing"))));
    }

    /** A funded deal of a fresh consumer for {@code max} patients, ending in an hour. */
    static Hash32 posted(String name, int max) {
        byte[] consumer = key(name + " consumer");
        tokens.mint(EvmSigner.addressOf(consumer), PRICE * max);
        Hash32 deal = hash("deal " + name);
        hospitalA.post(deal, new DealTerms(hash(name), Category.CONDITIONS.mask(), Purpose.HRESCH, PRICE, max,
                Instant.ofEpochSecond(tokens.chainTime().getEpochSecond() + 3_600), SPLIT), consumer).orElseThrow();
        return deal;
    }

    /** A member's sub-cohort of {@code n} fresh patients: its tree and the payouts proven against it. */
    record SubCohort(Hash32 root, List<ProvenPayout> payouts) {
        static SubCohort of(Hash32 deal, String who, int n) {
            List<Payout> payouts = IntStream.range(0, n).mapToObj(i -> new Payout(hash(who + " pseudonym " + i),
                    EvmSigner.addressOf(key(who + " patient " + i)), Optional.empty(), List.of())).toList();
            MerkleTree tree = MerkleTree.of(payouts.stream().map(p -> p.leaf(deal)).toList());
            List<ProvenPayout> proven = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                proven.add(new ProvenPayout(payouts.get(i), tree.proof(i)));
            }
            return new SubCohort(tree.root(), proven);
        }
    }

    @Test
    void oneEscrow_eachMemberSettlesItsOwnPart_andEachPartsKeyIsReleasedOnlyByItsClosingChunk() {
        Hash32 deal = posted("happy", 6);
        SubCohort a = SubCohort.of(deal, "happy A", 3);
        SubCohort b = SubCohort.of(deal, "happy B", 2);
        long aBefore = tokens.balanceOf(hospitalA.member());
        long bBefore = tokens.balanceOf(hospitalB.member());
        hospitalA.commitPart(deal, a.root(), 3).orElseThrow();
        hospitalB.commitPart(deal, b.root(), 3).orElseThrow();

        // a first, non-closing chunk of A's part: paid, but no key
        Reverts.FEDERATED_DEALS.send(hospitalATx(), hospitalA.contract(), FederatedDealCalls.settlePart(deal, HASHES,
                a.payouts().subList(0, 1), false, new byte[0])).orElseThrow();
        assertThat(hospitalA.part(deal, hospitalA.member()).status()).isEqualTo(FederatedPart.Status.SETTLING);
        assertThat(hospitalA.keyRelease(deal, hospitalA.member())).isEmpty();
        assertThat(hospitalA.refund(deal).failure().code()).isEqualTo(ErrorCode.DEAL_DEADLINE_NOT_REACHED);

        // resumed: pays the two left, in two chunks, the closing one releasing A's key
        assertThat(hospitalA.settlePart(deal, HASHES, a.payouts(), new byte[]{1, 2, 3}).orElseThrow()
                .patientsPaid()).isEqualTo(2);
        assertThat(hospitalA.keyRelease(deal, hospitalA.member())).hasValueSatisfying(k -> assertThat(k)
                .containsExactly(1, 2, 3));
        assertThat(hospitalB.keyRelease(deal, hospitalB.member())).isEmpty();
        hospitalB.settlePart(deal, HASHES, b.payouts(), new byte[]{4}).orElseThrow();

        long patientShare = PRICE * (SPLIT.patient() + SPLIT.providers() + SPLIT.caregiver()) / 10_000;
        for (ProvenPayout p : a.payouts()) {
            assertThat(tokens.balanceOf(p.payout().patient())).isEqualTo(patientShare);
        }
        assertThat(tokens.balanceOf(hospitalA.member()) - aBefore).isEqualTo(3 * PRICE * SPLIT.operator() / 10_000);
        assertThat(tokens.balanceOf(hospitalB.member()) - bBefore).isEqualTo(2 * PRICE * SPLIT.operator() / 10_000);
        var state = hospitalA.deal(deal).orElseThrow();
        assertThat(state.paidPatients()).isEqualTo(5);
        assertThat(state.escrow()).isEqualTo(PRICE);
        assertThat(hospitalA.part(deal, hospitalB.member()).status()).isEqualTo(FederatedPart.Status.SETTLED);
    }

    @Test
    void aRemovedMember_cannotCommitOrSettle_andANodeNeverAdmittedCannotCommit() {
        admit("C");
        EvmFederatedDeals hospitalC = hospitalA.asMember(key("C"));
        Hash32 deal = posted("removed", 4);
        SubCohort c = SubCohort.of(deal, "removed C", 2);
        hospitalC.commitPart(deal, c.root(), 2).orElseThrow();
        admin.send(registry.hex(), Abi.encode(NodeRegistry.FUNC_REMOVE, new Address(hospitalC.member().hex())));

        assertThat(hospitalC.settlePart(deal, HASHES, c.payouts(), new byte[]{1}).failure().code())
                .isEqualTo(ErrorCode.FDEAL_NOT_A_MEMBER);
        assertThat(hospitalC.commitPart(posted("removed later", 4), c.root(), 2).failure().code())
                .isEqualTo(ErrorCode.FDEAL_NOT_A_MEMBER);
        EvmFederatedDeals stranger = hospitalA.asMember(key("stranger"));
        assertThat(stranger.commitPart(deal, c.root(), 1).failure().code()).isEqualTo(ErrorCode.FDEAL_NOT_A_MEMBER);
        for (ProvenPayout p : c.payouts()) {
            assertThat(tokens.balanceOf(p.payout().patient())).isZero();
        }
    }

    @Test
    void aMember_cannotSettleAnotherMembersPatients() {
        Hash32 deal = posted("poach", 4);
        SubCohort a = SubCohort.of(deal, "poach A", 2);
        SubCohort b = SubCohort.of(deal, "poach B", 2);
        hospitalA.commitPart(deal, a.root(), 2).orElseThrow();
        hospitalB.commitPart(deal, b.root(), 2).orElseThrow();

        assertThat(hospitalB.settlePart(deal, HASHES, a.payouts(), new byte[]{1}).failure().code())
                .isEqualTo(ErrorCode.DEAL_NOT_IN_COHORT);
        assertThat(tokens.balanceOf(a.payouts().get(0).payout().patient())).isZero();
    }

    @Test
    void aMember_cannotSettleMoreThanItsAllotment_norAllotMoreThanTheEscrowHolds() {
        Hash32 deal = posted("greedy", 3);
        SubCohort a = SubCohort.of(deal, "greedy A", 3);
        hospitalA.commitPart(deal, a.root(), 2).orElseThrow();

        assertThat(hospitalB.commitPart(deal, SubCohort.of(deal, "greedy B", 2).root(), 2).failure().code())
                .isEqualTo(ErrorCode.FDEAL_OVER_ALLOTTED);
        assertThat(hospitalA.commitPart(deal, a.root(), 1).failure().code()).isEqualTo(ErrorCode.FDEAL_PART_EXISTS);
        assertThat(Reverts.FEDERATED_DEALS.send(hospitalATx(), hospitalA.contract(), FederatedDealCalls.settlePart(
                deal, HASHES, a.payouts(), true, new byte[]{1})).failure().code())
                .isEqualTo(ErrorCode.FDEAL_PART_TOO_LARGE);
        assertThat(hospitalA.deal(deal).orElseThrow().escrow()).isEqualTo(3 * PRICE);
    }

    @Test
    void aPatientIsPaidOncePerDeal_andASettledPartCannotBeSettledAgain() {
        Hash32 deal = posted("twice", 2);
        SubCohort a = SubCohort.of(deal, "twice A", 2);
        hospitalA.commitPart(deal, a.root(), 2).orElseThrow();
        Reverts.FEDERATED_DEALS.send(hospitalATx(), hospitalA.contract(), FederatedDealCalls.settlePart(deal, HASHES,
                a.payouts().subList(0, 1), false, new byte[0])).orElseThrow();

        assertThat(Reverts.FEDERATED_DEALS.send(hospitalATx(), hospitalA.contract(), FederatedDealCalls.settlePart(
                deal, HASHES, a.payouts().subList(0, 1), true, new byte[]{1})).failure().code())
                .isEqualTo(ErrorCode.DEAL_ALREADY_PAID);
        hospitalA.settlePart(deal, HASHES, a.payouts(), new byte[]{1}).orElseThrow();
        assertThat(hospitalA.settlePart(deal, HASHES, List.of(), new byte[]{1}).failure().code())
                .isEqualTo(ErrorCode.FDEAL_PART_SETTLED);
    }

    @Test
    void theUnspentEscrow_isRefundedToTheConsumerAfterTheDeadline() {
        Hash32 deal = posted("refund", 3);
        SubCohort a = SubCohort.of(deal, "refund A", 1);
        hospitalA.commitPart(deal, a.root(), 1).orElseThrow();
        hospitalA.settlePart(deal, HASHES, a.payouts(), new byte[]{1}).orElseThrow();
        try {
            node.ledger().access().rpc().raw("evm_increaseTime", List.of(3_601));
            node.ledger().access().rpc().raw("evm_mine", List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        hospitalB.refund(deal).orElseThrow();

        assertThat(tokens.balanceOf(EvmSigner.addressOf(key("refund consumer")))).isEqualTo(2 * PRICE);
        assertThat(hospitalA.refund(deal).failure().code()).isEqualTo(ErrorCode.DEAL_ALREADY_REFUNDED);
    }

    @Test
    void aMember_acceptsOnlyAnEscrowBoundToItsOwnAlliance_andAnEscrowDeployedOnceIsFoundAgain() {
        EvmFederatedDealLedgers ledgers = new EvmFederatedDealLedgers(node.ledger(), registry, dir.resolve(
                "federated-deals.json"), a -> node.chain().fund(a), 2);
        EvmAddress lookAlike = EvmFederatedDeals.deploy(node.ledger(), EvmSigner.addressOf(key("another registry")));

        assertThat(ledgers.at(lookAlike).failure().code()).isEqualTo(ErrorCode.FDEAL_UNKNOWN_ESCROW);
        assertThat(ledgers.at(EvmSigner.addressOf(key("no code here"))).failure().code())
                .isEqualTo(ErrorCode.FDEAL_UNKNOWN_ESCROW);
        assertThat(ledgers.at(hospitalA.contract()).orElseThrow().contract()).isEqualTo(hospitalA.contract());
        EvmAddress own = ledgers.own().contract();
        assertThat(new EvmFederatedDealLedgers(node.ledger(), registry, dir.resolve("federated-deals.json"),
                a -> node.chain().fund(a), 2).own().contract()).isEqualTo(own);
    }

    private static TxSender hospitalATx() {
        return hospitalA.sender();
    }
}
