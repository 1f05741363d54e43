package io.salus.chain.dao;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.DealAddresses;
import io.salus.chain.dao.internal.DaoReverts;
import io.salus.chain.deals.internal.DealCalls;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.TxSender;
import io.salus.chain.zk.ZkFixture;
import io.salus.chain.zk.ZkFixture.Patient;
import io.salus.chain.zk.internal.GasCalls;
import io.salus.contracts.generated.DataDeals;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.dao.DaoCharter;
import io.salus.core.dao.DaoContracts;
import io.salus.core.dao.DaoGovernance;
import io.salus.core.dao.DaoTerms;
import io.salus.core.dao.DealCandidate;
import io.salus.core.dao.PolicyChange;
import io.salus.core.dao.Proposal;
import io.salus.core.dao.ProposalState;
import io.salus.core.dao.Support;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.Split;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.merkle.MerkleTree;
import io.salus.core.port.DealLedger.PackageHashes;
import io.salus.core.record.Category;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/**
 * A patient data DAO's contracts on a real anvil: members admitted by real zero-knowledge proofs through AttributeGate
 * (or by credential subject), soulbound memberships, quadratic votes with credits per period, a passed proposal that
 * changes the DAO's marketplace policy, and the treasury fed by a deal's DAO share. Each attack is named for what the
 * contracts stop.
 */
class DaoContractsIT {
    static final long CREDITS = 100;
    static final DaoTerms TERMS = DaoTerms.of(1_000_000, Set.of(AttestationType.ACADEMIC_RESEARCHER),
            Set.of(Purpose.HRESCH), 1_000, 300);
    static final DaoGovernance GOVERNANCE = new DaoGovernance(Duration.ofSeconds(1), Duration.ofSeconds(600), 3,
            CREDITS, Duration.ofDays(30), Duration.ofSeconds(60));

    @TempDir
    static Path dir;
    static ZkFixture zk;
    static EvmDaoLedger daos;
    static DealAddresses deals;

    @BeforeAll
    static void start() {
        zk = ZkFixture.start(dir);
        deals = zk.node().contracts().deals().orElseThrow();
        daos = new EvmDaoLedger(zk.node().ledger(), deals,
                () -> Optional.of(zk.gate().addresses().gate()),
                zk.node().chain()::fund);
    }

    @AfterAll
    static void stop() {
        zk.close();
    }

    static DaoContracts proofDao(String label) {
        return daos.found(new DaoCharter(label, Optional.of(zk.hba1cScope(label)), TERMS, GOVERNANCE)).orElseThrow();
    }

    static BigInteger scopeOf(DaoContracts dao) {
        return uint(dao.membership(), Abi.encode("scope"));
    }

    static Patient member(DaoContracts dao) {
        Patient p = zk.fundedPatient();
        daos.joinByProof(dao, zk.proof(p, scopeOf(dao), p.address())).orElseThrow();
        return p;
    }

    static byte[] key(Patient p) {
        return Numeric.toBytesPadded(p.credentials().getEcKeyPair().getPrivateKey(), 32);
    }

    static ErrorCode code(Result<?> r) {
        assertThat(r.isOk()).as("refused").isFalse();
        return r.failure().code();
    }

    @Test
    void membershipTransfer_reverts_theTokenIsSoulbound() {
        DaoContracts dao = proofDao("soulbound");
        Patient alice = member(dao);
        Patient bob = ZkFixture.account();

        assertThat(daos.isMember(dao, alice.address())).isTrue();
        BigInteger token = uint(dao.membership(), Abi.encode("tokenOf", new Address(alice.address().hex())));
        assertThat(uint(dao.membership(), Abi.encode("locked", new Uint256(token)))).isEqualTo(BigInteger.ONE);
        assertThat(code(daos.transferMembership(dao, key(alice), bob.address())))
                .isEqualTo(ErrorCode.DAO_MEMBERSHIP_SOULBOUND);
        assertThat(revert(alice, dao.membership(), Abi.encode("approve", new Address(bob.address().hex()),
                new Uint256(token)))).contains("Soulbound");
        assertThat(daos.isMember(dao, alice.address())).isTrue();
        assertThat(daos.isMember(dao, bob.address())).isFalse();
    }

    @Test
    void secondMembershipForOnePerson_reverts_whateverTheAddress() {
        DaoContracts dao = proofDao("one-per-person");
        Patient carol = member(dao);
        Patient carolsSecondWallet = ZkFixture.account();

        assertThat(code(daos.joinByProof(dao, zk.proof(carol, scopeOf(dao), carolsSecondWallet.address()))))
                .as("the same person's proof for another address: the gate knows the nullifier")
                .isEqualTo(ErrorCode.ZK_NULLIFIER_USED);
        assertThat(code(daos.joinByProof(dao, zk.proof(carol, scopeOf(dao), carol.address()))))
                .isEqualTo(ErrorCode.ZK_NULLIFIER_USED);
        assertThat(daos.isMember(dao, carolsSecondWallet.address())).isFalse();
        assertThat(daos.memberCount(dao)).isEqualTo(1);

        DaoContracts byCredential = daos.found(new DaoCharter("credential", Optional.empty(), TERMS, GOVERNANCE))
                .orElseThrow();
        Hash32 subject = Hashing.keccak256("salted subject of carol".getBytes(StandardCharsets.UTF_8));
        daos.joinBySubject(byCredential, carol.address(), subject).orElseThrow();
        assertThat(code(daos.joinBySubject(byCredential, carolsSecondWallet.address(), subject)))
                .isEqualTo(ErrorCode.DAO_ALREADY_MEMBER);
        assertThat(code(daos.joinBySubject(dao, carolsSecondWallet.address(), subject)))
                .as("a proof DAO admits by proof only").isEqualTo(ErrorCode.DAO_WRONG_ADMISSION_PATH);
    }

    @Test
    void overspendingCredits_reverts_andCreditsAreSharedByTheProposalsOfAPeriod() {
        DaoContracts dao = proofDao("credits");
        Patient dave = member(dao);
        zk.advance(Duration.ofSeconds(2));
        Proposal first = daos.propose(dao, key(dave), List.of(new PolicyChange.FloorPrice(2_000_000)), "first")
                .orElseThrow();
        Proposal second = daos.propose(dao, key(dave), List.of(new PolicyChange.Share(400)), "second").orElseThrow();
        zk.advance(Duration.ofSeconds(2));

        assertThat(code(daos.vote(dao, key(dave), first.id(), Support.FOR, 11)))
                .as("11 votes cost 121 credits of 100").isEqualTo(ErrorCode.DAO_CREDITS_EXCEEDED);
        daos.vote(dao, key(dave), first.id(), Support.FOR, 8).orElseThrow();
        assertThat(daos.creditsLeft(dao, second.id(), dave.address())).isEqualTo(CREDITS - 64);
        assertThat(code(daos.vote(dao, key(dave), second.id(), Support.FOR, 7)))
                .as("49 more credits than the 36 left this period").isEqualTo(ErrorCode.DAO_CREDITS_EXCEEDED);
        daos.vote(dao, key(dave), second.id(), Support.AGAINST, 6).orElseThrow();
        assertThat(code(daos.vote(dao, key(dave), second.id(), Support.AGAINST, 0)))
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(daos.tally(dao, first.id()).forVotes()).isEqualTo(8);
        assertThat(daos.tally(dao, second.id()).against()).isEqualTo(6);
        assertThat(daos.creditsLeft(dao, second.id(), dave.address())).isZero();
    }

    @Test
    void voteSplittingAcrossAddresses_gainsNothing_onePersonHasOneBudget() {
        DaoContracts dao = proofDao("splitting");
        Patient erin = member(dao);
        Patient erinsSecondWallet = zk.fundedPatient();
        zk.advance(Duration.ofSeconds(2));
        Proposal p = daos.propose(dao, key(erin), List.of(new PolicyChange.FloorPrice(3_000_000)), "split")
                .orElseThrow();
        zk.advance(Duration.ofSeconds(2));

        // Two addresses with 50 credits each would cast 2 x 7 = 14 votes; one person's 100 credits buy 10.
        daos.vote(dao, key(erin), p.id(), Support.FOR, 10).orElseThrow();
        assertThat(code(daos.joinByProof(dao, zk.proof(erin, scopeOf(dao), erinsSecondWallet.address()))))
                .isEqualTo(ErrorCode.ZK_NULLIFIER_USED);
        assertThat(code(daos.transferMembership(dao, key(erin), erinsSecondWallet.address())))
                .isEqualTo(ErrorCode.DAO_MEMBERSHIP_SOULBOUND);
        assertThat(code(daos.vote(dao, key(erinsSecondWallet), p.id(), Support.FOR, 1)))
                .isEqualTo(ErrorCode.DAO_NOT_MEMBER);
        assertThat(revert(erin, dao.membership(), Abi.encode("delegate", new Address(erinsSecondWallet.address()
                .hex())))).as("there is no delegation to move credits with").isNotNull();
        assertThat(daos.tally(dao, p.id()).forVotes()).isEqualTo(10);
    }

    @Test
    void memberAfterTheSnapshot_cannotVote() {
        DaoContracts dao = proofDao("snapshot");
        Patient frank = member(dao);
        zk.advance(Duration.ofSeconds(2));
        Proposal p = daos.propose(dao, key(frank), List.of(new PolicyChange.MaxEpsilon(500)), "late").orElseThrow();
        zk.advance(Duration.ofSeconds(2));
        Patient late = member(dao);
        assertThat(code(daos.vote(dao, key(late), p.id(), Support.FOR, 1))).isEqualTo(ErrorCode.DAO_NOT_MEMBER);
    }

    @Test
    void proposalOutsideTheMarketplacePolicy_reverts_andNonMembersCannotPropose() {
        DaoContracts dao = proofDao("outside");
        Patient gina = member(dao);
        zk.advance(Duration.ofSeconds(2));
        String grantAdmin = Abi.encode("grantRole", new org.web3j.abi.datatypes.generated.Bytes32(new byte[32]),
                new Address(gina.address().hex()));
        String propose = Abi.encode("propose",
                new DynamicArray<>(Address.class, List.of(new Address(dao.timelock().hex()))),
                new DynamicArray<>(Uint256.class, List.of(new Uint256(0))),
                new DynamicArray<>(DynamicBytes.class, List.of(new DynamicBytes(Numeric.hexStringToByteArray(
                        grantAdmin)))),
                new Utf8String("take the treasury"));
        assertThat(revert(gina, dao.governor(), propose)).isEqualTo("ProposalOutsidePolicy");
        assertThat(code(daos.propose(dao, key(ZkFixture.account()), List.of(new PolicyChange.FloorPrice(1)), "x")))
                .isEqualTo(ErrorCode.DAO_NOT_MEMBER);
    }

    @Test
    void passedProposal_raisesTheFloor_andTheNextDealBelowItIsNotAdmitted() {
        DaoContracts dao = proofDao("floor");
        List<Patient> members = List.of(member(dao), member(dao), member(dao));
        DealCandidate twoTokens = new DealCandidate(Hash32.of(new byte[32]), 2_000_000, 300, 1_000,
                AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH);
        assertThat(daos.admits(dao, twoTokens)).isTrue();
        zk.advance(Duration.ofSeconds(2));

        Proposal raise = daos.propose(dao, key(members.get(0)), List.of(new PolicyChange.FloorPrice(5_000_000)),
                "raise the floor to 5 tokens").orElseThrow();
        assertThat(daos.propose(dao, key(members.get(1)), raise.changes(), raise.description()).orElseThrow())
                .as("a repeat is the same proposal").isEqualTo(raise);
        assertThat(daos.state(dao, raise.id())).isEqualTo(ProposalState.PENDING);
        zk.advance(Duration.ofSeconds(2));
        daos.vote(dao, key(members.get(0)), raise.id(), Support.FOR, 3).orElseThrow();
        daos.vote(dao, key(members.get(1)), raise.id(), Support.FOR, 2).orElseThrow();
        daos.vote(dao, key(members.get(2)), raise.id(), Support.AGAINST, 4).orElseThrow();
        assertThat(code(daos.queue(dao, raise))).as("voting still open").isEqualTo(ErrorCode.DAO_PROPOSAL_WRONG_STATE);
        zk.advance(Duration.ofSeconds(601));
        assertThat(daos.state(dao, raise.id())).isEqualTo(ProposalState.SUCCEEDED);
        daos.queue(dao, raise).orElseThrow();
        assertThat(code(daos.execute(dao, raise))).as("the timelock's delay").isEqualTo(
                ErrorCode.DAO_PROPOSAL_WRONG_STATE);
        assertThat(daos.admits(dao, twoTokens)).as("nothing changes before execution").isTrue();
        zk.advance(Duration.ofSeconds(61));
        daos.execute(dao, raise).orElseThrow();

        assertThat(daos.state(dao, raise.id())).isEqualTo(ProposalState.EXECUTED);
        assertThat(daos.terms(dao).floorPrice()).isEqualTo(5_000_000);
        assertThat(daos.admits(dao, twoTokens)).as("a deal below the new floor").isFalse();
        assertThat(daos.admits(dao, new DealCandidate(Hash32.of(new byte[32]), 5_000_000, 300, 1_000,
                AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH))).isTrue();
        assertThat(revert(members.get(0), dao.policy(), Abi.encode("setFloorPrice",
                new org.web3j.abi.datatypes.generated.Uint128(1)))).as("only the timelock sets the policy")
                .isEqualTo("OwnableUnauthorizedAccount");
    }

    @Test
    void defeatedProposal_changesNothing_moreVotesAgainstThanFor() {
        DaoContracts dao = proofDao("defeated");
        List<Patient> members = List.of(member(dao), member(dao));
        zk.advance(Duration.ofSeconds(2));
        Proposal p = daos.propose(dao, key(members.get(0)), List.of(new PolicyChange.Share(5_000)), "greedy")
                .orElseThrow();
        zk.advance(Duration.ofSeconds(2));
        daos.vote(dao, key(members.get(0)), p.id(), Support.FOR, 5).orElseThrow();
        daos.vote(dao, key(members.get(1)), p.id(), Support.AGAINST, 6).orElseThrow();
        zk.advance(Duration.ofSeconds(601));
        assertThat(daos.state(dao, p.id())).isEqualTo(ProposalState.DEFEATED);
        assertThat(code(daos.queue(dao, p))).isEqualTo(ErrorCode.DAO_PROPOSAL_WRONG_STATE);
        assertThat(daos.terms(dao).shareBps()).isEqualTo(300);
    }

    @Test
    void dealWhoseMembersBelongToDaoX_paysXsTreasuryAndNotYs_nonMembersPartGoesToTheDefault_andAPassedGrantSpendsIt() {
        DaoContracts dao = proofDao("treasury x");
        DaoContracts y = proofDao("treasury y");
        assertThat(daos.treasuryRegistered(dao)).as("founding registers the timelock in the node's DataDeals")
                .isTrue();
        TxSender relayer = zk.node().ledger().access().sender();
        EvmAddress defaultTreasury = ZkFixture.account().address();
        EvmAddress dataDeals = new EvmAddress(relayer.send(null, "0x" + DataDeals.BINARY + Abi.encodeConstructor(
                new Address(deals.paymentToken().hex()), new Address(deals.dealPolicy().hex()),
                new Address(relayer.from()), new Address(relayer.from()), new Address(defaultTreasury.hex()),
                new Address(relayer.from()))).getContractAddress());
        relayer.send(dataDeals.hex(), DealCalls.registerDaoTreasury(dao.treasury()));
        relayer.send(dataDeals.hex(), DealCalls.registerDaoTreasury(y.treasury()));
        Patient consumer = zk.fundedPatient();
        assertThat(revert(consumer.address().hex(), dataDeals, DealCalls.registerDaoTreasury(consumer.address())))
                .as("only the registrar registers a DAO treasury").contains("AccessControlUnauthorizedAccount");
        TxSender consumerTx = relayer.forAccount(consumer.credentials());
        relayer.send(deals.paymentToken().hex(), DealCalls.mint(consumer.address(), 40_000_000));
        consumerTx.send(deals.paymentToken().hex(), DealCalls.approve(dataDeals, 40_000_000));
        Hash32 dealId = Hashing.keccak256("dao treasury deal".getBytes(StandardCharsets.UTF_8));
        DealTerms terms = new DealTerms(Hash32.of(new byte[32]), Category.CONDITIONS.mask(), Purpose.HRESCH,
                10_000_000, 4, Instant.ofEpochSecond(zk.chainNow() + 86_400), new Split(6_000, 1_000, 500, 1_000,
                        1_500));
        consumerTx.send(dataDeals.hex(), DealCalls.postDeal(dealId, terms));
        EvmAddress stranger = ZkFixture.account().address();
        List<Payout> cohort = List.of(payout("x member 1", Optional.of(dao.treasury())), payout("no DAO",
                Optional.empty()), payout("x member 2", Optional.of(dao.treasury())),
                payout("stranger's",
                        Optional.of(stranger)));
        MerkleTree tree = MerkleTree.of(cohort.stream().map(p -> p.leaf(dealId)).toList());
        relayer.send(dataDeals.hex(), DealCalls.commitCohort(dealId, tree.root()));
        Hash32 h = Hashing.keccak256("package".getBytes(StandardCharsets.UTF_8));
        PackageHashes hashes = new PackageHashes(h, h);
        assertThat(revert(relayer.from(), dataDeals, DealCalls.settle(dealId, hashes, List.of(new ProvenPayout(
                cohort.get(3), tree.proof(3))), false, new byte[0])))
                .as("a payout naming an unregistered treasury, even one committed in the root")
                .contains("UnregisteredDaoTreasury SALUS-2260");
        assertThat(revert(relayer.from(), dataDeals, DealCalls.settle(dealId, hashes, List.of(new ProvenPayout(
                cohort.get(0).withDaoTreasury(Optional.of(y.treasury())), tree.proof(0))), false, new byte[0])))
                .as("X's member's share re-routed to Y: not the committed leaf").contains("NotInCohort");
        relayer.send(dataDeals.hex(), DealCalls.settle(dealId, hashes, List.of(new ProvenPayout(cohort.get(0),
                tree.proof(0)), new ProvenPayout(cohort.get(1), tree.proof(1)),
                new ProvenPayout(cohort.get(2),
                        tree.proof(2))),
                true, new byte[]{1}));
        assertThat(daos.treasuryBalance(dao)).as("10 % of 10 tokens for each of X's 2 members").isEqualTo(2_000_000);
        assertThat(daos.treasuryBalance(y)).as("Y has no member in the deal").isZero();
        assertThat(uint(deals.paymentToken(), DealCalls.balanceOf(defaultTreasury)))
                .as("the member of no DAO: the default treasury").isEqualTo(1_000_000);
        assertThat(uint(deals.paymentToken(), DealCalls.balanceOf(stranger))).isZero();

        List<Patient> members = List.of(member(dao), member(dao), member(dao));
        Patient researcher = ZkFixture.account();
        zk.advance(Duration.ofSeconds(2));
        Proposal grant = daos.propose(dao, key(members.get(0)), List.of(new PolicyChange.Grant(researcher.address(),
                400_000)), "fund a study").orElseThrow();
        zk.advance(Duration.ofSeconds(2));
        for (Patient m : members) {
            daos.vote(dao, key(m), grant.id(), Support.FOR, 1).orElseThrow();
        }
        zk.advance(Duration.ofSeconds(601));
        daos.queue(dao, grant).orElseThrow();
        zk.advance(Duration.ofSeconds(61));
        daos.execute(dao, grant).orElseThrow();
        assertThat(daos.treasuryBalance(dao)).isEqualTo(1_600_000);
        assertThat(uint(deals.paymentToken(), DealCalls.balanceOf(researcher.address()))).isEqualTo(400_000);
    }

    /** The custom error a member's call would revert with (null when it would succeed). */
    private static String revert(Patient from, EvmAddress to, String data) {
        return revert(from.address().hex(), to, data);
    }

    private static String revert(String from, EvmAddress to, String data) {
        GasCalls.Outcome o = new GasCalls(zk.node().ledger().access().rpc()).call(from, to, data,
                BigInteger.valueOf(2_000_000));
        if (!o.reverted()) {
            return null;
        }
        return DaoReverts.TABLE.name(o.revertData()).or(() -> Reverts.name(o.revertData())
                .map(n -> n + " " + Reverts.DEALS.code(o.revertData()).map(ErrorCode::code).orElse("")))
                .orElse(o.revertData());
    }

    private static Payout payout(String who, Optional<EvmAddress> treasury) {
        return new Payout(Hashing.keccak256(who.getBytes(StandardCharsets.UTF_8)), ZkFixture.account().address(),
                Optional.empty(), List.of(), treasury);
    }

    private static BigInteger uint(EvmAddress to, String data) {
        GasCalls.Outcome o = new GasCalls(zk.node().ledger().access().rpc()).call(
                zk.node().ledger().access().sender().from(), to, data, BigInteger.valueOf(2_000_000));
        return new BigInteger(o.returnData().substring(2, 66), 16);
    }
}
