package io.salus.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.DealState;
import io.salus.core.deal.DealStatus;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.Role;
import io.salus.core.deal.Shares;
import io.salus.core.deal.Split;
import io.salus.core.deal.SplitCalculator;
import io.salus.core.deal.SplitPolicy;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger;
import io.salus.core.port.DealLedger.PackageHashes;
import io.salus.core.port.DealLedger.Settlement;
import io.salus.testkit.data.DealFixtures;
import io.salus.testkit.data.DealFixtures.Cohort;
import io.salus.testkit.data.KeySpace;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link DealLedger}: a deal is posted and funded once per id and terms, with a split at or above the
 * split policy; its cohort is committed once, before the deadline, as a Merkle root and nothing about its size; a
 * settlement pays only payouts proven against that root, each patient payee at most once, each payee exactly what
 * {@link SplitCalculator} computes, in chunks, and releases the content key with its closing chunk alone; an
 * interrupted settlement resumes paying only who is not yet paid; after the deadline (and the completion window of a
 * settlement in progress) the consumer gets the rest of the escrow back once; the split policy changes only through
 * the admin's timelock, after its delay. The chain enforces the same rules on its own: each refused call sent straight
 * to it, bypassing the adapter's checks, is refused there too ({@link #refusedOnChain}); only the matcher commits and
 * settles, and neither the matcher nor the admin changes the policy directly. An adapter is accepted when a subclass
 * supplying it passes. Ids and keys are random per test instance; the deployment should be the class's own (the
 * policy test changes the policy for a while).
 */
public abstract class DealLedgerContract {
    /** The settlement chunk the adapter under test must be configured with (patients per transaction). */
    public static final int CHUNK = 4;
    protected static final Split SPLIT = DealFixtures.SPLIT;
    private final KeySpace keys = KeySpace.random();
    private final PackageHashes pkg = new PackageHashes(keys.id("package plaintext"), keys.id("package ciphertext"));
    private final byte[] wrappedKey = keys.id("wrapped content key").bytes();

    /** The deal ledger under test, settling in chunks of {@link #CHUNK} patients. */
    protected abstract DealLedger deals();

    /** Moves the chain's time forward by {@code seconds}. */
    protected abstract void advanceTime(long seconds);

    /** The node's matcher: the only account that commits and settles. */
    protected abstract EvmAddress matcher();

    /** Where the DAO treasury's part of every settlement goes. */
    protected abstract EvmAddress daoTreasury();

    /** Where the operator's part of every settlement goes. */
    protected abstract EvmAddress operatorPayee();

    /** The administration of the deal contracts (not part of the port: the node's matcher never administers). */
    protected abstract Admin admin();

    /** Pays one chunk straight on chain without closing the deal, as an interrupted settlement leaves it. */
    protected abstract void settleOneChunk(Hash32 dealId, PackageHashes hashes, List<ProvenPayout> chunk);

    /** The failure the chain itself gives {@code call} sent straight to it from {@code from}; empty if it accepts. */
    protected abstract Optional<ErrorCode> refusedOnChain(EvmAddress from, DealCall call);

    /**
     * The transactions {@code account} has sent, mined or pending: "nothing was sent" is judged by it, not by the head
     * block, which the chain advances every second on its own.
     */
    protected abstract long sentBy(EvmAddress account);

    /** The token units the escrow holds. */
    protected abstract long escrowTokens();

    /** The escrow the chain accounts for across all deals. */
    protected abstract long escrowRecorded();

    /** A call of the deal contracts, as the adapter (or the admin) would send it. */
    public sealed interface DealCall {
        record Post(Hash32 dealId, DealTerms terms) implements DealCall {
        }

        record Commit(Hash32 dealId, Hash32 root) implements DealCall {
        }

        record Settle(Hash32 dealId, PackageHashes hashes, List<ProvenPayout> payouts, boolean last,
                byte[] wrappedKey) implements DealCall {
        }

        record Refund(Hash32 dealId) implements DealCall {
        }

        /** A change of the split policy sent to the policy contract itself, not through the timelock. */
        record SetPolicy(SplitPolicy policy) implements DealCall {
        }
    }

    /** Changes of the split policy through the timelock: scheduled, then executed once the delay has passed. */
    public interface Admin {
        EvmAddress address();

        Duration delay();

        Result<TxRef> schedulePolicy(SplitPolicy policy, Hash32 salt);

        Result<TxRef> executePolicy(SplitPolicy policy, Hash32 salt);
    }

    /** This test instance's key called {@code name}. */
    protected byte[] key(String name) {
        return keys.key(name);
    }

    protected EvmAddress address(String name) {
        return keys.address(name);
    }

    protected static EvmAddress address(byte[] key) {
        return KeySpace.address(key);
    }

    /** This test instance's id called {@code name}. */
    protected Hash32 id(String name) {
        return keys.id(name);
    }

    /** Terms with the deadline {@code seconds} after the chain's time. */
    protected DealTerms terms(long price, int maxPatients, long seconds) {
        return terms(price, maxPatients, seconds, SPLIT);
    }

    protected DealTerms terms(long price, int maxPatients, long seconds, Split split) {
        return DealFixtures.terms(id("criteria"), deals().chainTime(), price, maxPatients, seconds, split);
    }

    /** A consumer key holding {@code amount} units. */
    protected byte[] consumer(String name, long amount) {
        byte[] k = key(name);
        deals().mint(address(k), amount);
        return k;
    }

    private Hash32 post(String name, long price, int max, long seconds) {
        byte[] consumer = consumer(name + " consumer", price * max);
        deals().post(id(name), terms(price, max, seconds), consumer).orElseThrow();
        return id(name);
    }

    private Cohort cohort(Hash32 deal, String name, int n) {
        return DealFixtures.cohort(deal, DealFixtures.payouts(name, n, new Random(name.hashCode()), this::address,
                this::id));
    }

    /** Posts a deal, then commits a cohort of {@code n} random payouts. */
    private Cohort committed(String name, long price, int max, int n, long seconds) {
        Hash32 deal = post(name, price, max, seconds);
        Cohort c = cohort(deal, name, n);
        deals().commitCohort(deal, c.root()).orElseThrow();
        return c;
    }

    private List<DealEvent> eventsOf(Hash32 deal) {
        return deals().events(0, deals().headBlock()).stream().filter(e -> e.dealId().equals(deal)).toList();
    }

    @Test
    void settlement_paysEachPayeeExactlyWhatTheJavaCalculatorComputes_andReleasesTheKeyWithItsLastChunk() {
        long price = 1_234_567;
        Cohort c = committed("equivalence", price, 11, 10, 3_600);
        Hash32 deal = id("equivalence");
        Map<EvmAddress, Long> expected = new HashMap<>();
        for (ProvenPayout pp : c.payouts()) {
            Payout p = pp.payout();
            Shares s = SplitCalculator.shares(price, SPLIT, p);
            expected.merge(p.patient(), s.patient(), Long::sum);
            p.caregiver().ifPresent(cg -> expected.merge(cg, s.caregiver(), Long::sum));
            for (int j = 0; j < p.providers().size(); j++) {
                expected.merge(p.providers().get(j).provider(), s.providers().get(j), Long::sum);
            }
            expected.merge(daoTreasury(), s.daoTreasury(), Long::sum);
            expected.merge(operatorPayee(), s.operator(), Long::sum);
        }
        Map<EvmAddress, Long> before = new HashMap<>();
        expected.keySet().forEach(a -> before.put(a, deals().balanceOf(a)));

        Settlement s = deals().settle(deal, pkg, c.payouts(), wrappedKey).orElseThrow();

        assertThat(s.txs()).hasSize(3);
        assertThat(s.patientsPaid()).isEqualTo(10);
        expected.forEach((a, amount) -> assertThat(deals().balanceOf(a) - before.get(a)).as(a.hex())
                .isEqualTo(amount));
        DealState state = deals().deal(deal).orElseThrow();
        assertThat(state.status()).isEqualTo(DealStatus.SETTLED);
        assertThat(state.packageHash()).contains(pkg.plaintext());
        assertThat(state.ciphertextHash()).contains(pkg.ciphertext());
        assertThat(state.escrow()).isEqualTo(price);
        assertThat(deals().keyRelease(deal)).hasValueSatisfying(k -> {
            assertThat(k.wrappedKey()).isEqualTo(wrappedKey);
            assertThat(k.ciphertextHash()).isEqualTo(pkg.ciphertext());
            assertThat(k.txHash()).isEqualTo(s.txs().get(s.txs().size() - 1).txHash());
        });
        assertThat(eventsOf(deal)).filteredOn(e -> e instanceof DealEvent.SettlementRecorded r && r.last())
                .hasSize(1);
        assertThat(escrowTokens()).isEqualTo(escrowRecorded());
    }

    @Test
    void aSettledDeal_isNeverSettledAgain() {
        Cohort c = committed("twice", 1_000, 2, 2, 3_600);
        deals().settle(id("twice"), pkg, c.payouts(), wrappedKey).orElseThrow();

        assertThat(deals().settle(id("twice"), pkg, c.payouts(), wrappedKey).failure().code())
                .isEqualTo(ErrorCode.DEAL_ALREADY_SETTLED);
        assertThat(refusedOnChain(matcher(), new DealCall.Settle(id("twice"), pkg, c.payouts(), true, wrappedKey)))
                .contains(ErrorCode.DEAL_WRONG_STATE);
    }

    @Test
    void aRetryAfterAPartialSettlement_completesAndPaysEveryPatientOnce() {
        Cohort c = committed("resume", 1_000, 7, 7, 3_600);
        Hash32 deal = id("resume");
        settleOneChunk(deal, pkg, c.subList(0, 3));
        assertThat(deals().deal(deal).orElseThrow().status()).isEqualTo(DealStatus.SETTLING);
        assertThat(deals().keyRelease(deal)).isEmpty();

        assertThat(deals().settle(deal, new PackageHashes(id("another package"), pkg.ciphertext()), c.payouts(),
                wrappedKey).failure().code()).isEqualTo(ErrorCode.DEAL_PACKAGE_MISMATCH);
        Settlement rest = deals().settle(deal, pkg, c.payouts(), wrappedKey).orElseThrow();

        assertThat(rest.patientsPaid()).isEqualTo(4);
        DealState state = deals().deal(deal).orElseThrow();
        assertThat(state.paidPatients()).isEqualTo(7);
        assertThat(state.status()).isEqualTo(DealStatus.SETTLED);
        List<DealEvent> events = eventsOf(deal);
        for (ProvenPayout p : c.payouts()) {
            assertThat(events).as("payments to " + p.payout().patient())
                    .filteredOn(e -> e instanceof DealEvent.Paid pd && pd.role() == Role.PATIENT
                            && pd.payee().equals(p.payout().patient()))
                    .hasSize(1);
        }
        assertThat(events).filteredOn(e -> e instanceof DealEvent.KeyReleased).hasSize(1);
    }

    @Test
    void aSettlementNamingAPayeeOutsideTheCommittedCohort_isRefused() {
        Cohort c = committed("outsider", 1_000, 5, 3, 3_600);
        Hash32 deal = id("outsider");
        ProvenPayout honest = c.payouts().get(0);
        Payout p = honest.payout();
        ProvenPayout forged = new ProvenPayout(new Payout(p.pseudonym(), address("the operator's friend"),
                p.caregiver(), p.providers()), honest.proof());
        ProvenPayout invented = new ProvenPayout(new Payout(id("nobody"), address("nobody"), Optional.empty(),
                List.of()), List.of());

        assertThat(refusedOnChain(matcher(), new DealCall.Settle(deal, pkg, List.of(forged), true, wrappedKey)))
                .contains(ErrorCode.DEAL_NOT_IN_COHORT);
        assertThat(refusedOnChain(matcher(), new DealCall.Settle(deal, pkg, List.of(honest, invented), true,
                wrappedKey))).contains(ErrorCode.DEAL_NOT_IN_COHORT);
        assertThat(deals().settle(deal, pkg, List.of(forged), wrappedKey).failure().code())
                .isEqualTo(ErrorCode.DEAL_NOT_IN_COHORT);
        assertThat(deals().deal(deal).orElseThrow().paidPatients()).isZero();
    }

    @Test
    void payingAPatientTwice_isRefused_inOneChunkOrAcrossChunks() {
        Cohort c = committed("double", 1_000, 6, 3, 3_600);
        Hash32 deal = id("double");
        ProvenPayout first = c.payouts().get(0);

        assertThat(refusedOnChain(matcher(), new DealCall.Settle(deal, pkg, List.of(first, first), false,
                new byte[0]))).contains(ErrorCode.DEAL_ALREADY_PAID);
        assertThat(deals().settle(deal, pkg, List.of(first, first), wrappedKey).failure().code())
                .isEqualTo(ErrorCode.DEAL_ALREADY_PAID);
        settleOneChunk(deal, pkg, List.of(first));
        assertThat(refusedOnChain(matcher(), new DealCall.Settle(deal, pkg, List.of(first), true, wrappedKey)))
                .contains(ErrorCode.DEAL_ALREADY_PAID);
        assertThat(deals().balanceOf(first.payout().patient()))
                .isEqualTo(SplitCalculator.shares(1_000, SPLIT, first.payout()).patient());
    }

    @Test
    void theContentKey_isReleasedOnlyByTheClosingChunk() {
        Cohort c = committed("key release", 1_000, 4, 4, 3_600);
        Hash32 deal = id("key release");

        assertThat(refusedOnChain(matcher(), new DealCall.Settle(deal, pkg, c.subList(0, 2), false, wrappedKey)))
                .contains(ErrorCode.DEAL_INVALID_PAYOUT);
        assertThat(refusedOnChain(matcher(), new DealCall.Settle(deal, pkg, c.payouts(), true, new byte[0])))
                .contains(ErrorCode.DEAL_INVALID_PAYOUT);
        settleOneChunk(deal, pkg, c.subList(0, 2));
        assertThat(deals().keyRelease(deal)).isEmpty();
        assertThat(eventsOf(deal)).noneMatch(e -> e instanceof DealEvent.KeyReleased);
        deals().settle(deal, pkg, c.payouts(), wrappedKey).orElseThrow();
        assertThat(deals().keyRelease(deal)).hasValueSatisfying(k -> assertThat(k.wrappedKey())
                .isEqualTo(wrappedKey));
    }

    @Test
    void theCommitment_putsTheRootOnChainAndNothingAboutTheCohortsSize() {
        Hash32 small = post("small cohort", 1_000, 50, 3_600);
        Hash32 large = post("large cohort", 1_000, 50, 3_600);
        Cohort one = cohort(small, "small cohort", 1);
        Cohort many = cohort(large, "large cohort", 40);

        TxRef a = deals().commitCohort(small, one.root()).orElseThrow();
        TxRef b = deals().commitCohort(large, many.root()).orElseThrow();

        assertThat(deals().events(a.blockNumber(), a.blockNumber())).filteredOn(e -> e.dealId().equals(small))
                .containsExactly(new DealEvent.CohortCommitted(small, one.root(), a.txHash(), a.blockNumber(), 0));
        assertThat(deals().events(b.blockNumber(), b.blockNumber())).filteredOn(e -> e.dealId().equals(large))
                .containsExactly(new DealEvent.CohortCommitted(large, many.root(), b.txHash(), b.blockNumber(), 0));
        for (Hash32 deal : List.of(small, large)) {
            DealState d = deals().deal(deal).orElseThrow();
            assertThat(d.status()).isEqualTo(DealStatus.COMMITTED);
            assertThat(d.paidPatients()).isZero();
            assertThat(d.escrow()).as("the escrow is the whole maximum, whatever the cohort").isEqualTo(50_000);
        }
        assertThat(deals().deal(small).orElseThrow().cohortRoot()).contains(one.root());
    }

    @Test
    void aDealWithASplitBelowThePolicy_isRefusedOnChainAndBeforeSending() {
        EvmAddress consumer = address(consumer("greedy consumer", 10_000));
        DealTerms greedy = terms(100, 10, 3_600, new Split(0, 0, 0, 0, 10_000));
        DealTerms belowPolicy = terms(100, 10, 3_600, new Split(5_000, 2_000, 1_000, 1_000, 1_000));
        long sent = sentBy(consumer);

        assertThat(refusedOnChain(consumer, new DealCall.Post(id("greedy"), greedy)))
                .contains(ErrorCode.DEAL_BELOW_POLICY);
        assertThat(refusedOnChain(consumer, new DealCall.Post(id("greedy"), belowPolicy)))
                .contains(ErrorCode.DEAL_BELOW_POLICY);
        assertThat(deals().post(id("greedy"), greedy, key("greedy consumer")).failure().code())
                .isEqualTo(ErrorCode.DEAL_BELOW_POLICY);
        assertThat(deals().post(id("greedy"), belowPolicy, key("greedy consumer")).failure().code())
                .isEqualTo(ErrorCode.DEAL_BELOW_POLICY);
        assertThat(sentBy(consumer)).as("nothing was sent").isEqualTo(sent);
        assertThat(deals().deal(id("greedy"))).isEmpty();
    }

    @Test
    void aPolicyChange_takesEffectOnlyThroughTheTimelockAfterItsDelay() {
        SplitPolicy before = deals().policy();
        SplitPolicy raised = new SplitPolicy(before.minPatient(), before.minProviders() + 500, before.minCaregiver(),
                before.minDaoTreasury(), before.maxOperator());
        Split lean = new Split(Split.TOTAL_BPS - before.minProviders() - before.minCaregiver()
                - before.minDaoTreasury(), before.minProviders(), before.minCaregiver(), before.minDaoTreasury(), 0);
        assertThat(before.admits(lean)).isTrue();
        assertThat(raised.admits(lean)).isFalse();
        assertThat(raised.admits(SPLIT)).isTrue();
        byte[] consumer = consumer("policy consumer", 1_000_000);
        for (EvmAddress caller : List.of(matcher(), admin().address())) {
            assertThat(refusedOnChain(caller, new DealCall.SetPolicy(raised))).as("directly by " + caller)
                    .contains(ErrorCode.FORBIDDEN);
        }

        admin().schedulePolicy(raised, id("raise")).orElseThrow();
        assertThat(admin().executePolicy(raised, id("raise")).failure().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(deals().policy()).isEqualTo(before);
        deals().post(id("lean before"), terms(1_000, 5, 3_600, lean), consumer).orElseThrow();

        advanceTime(admin().delay().toSeconds() + 1);
        try {
            admin().executePolicy(raised, id("raise")).orElseThrow();

            assertThat(deals().policy()).isEqualTo(raised);
            assertThat(deals().post(id("lean after"), terms(1_000, 5, 3_600, lean), consumer).failure().code())
                    .isEqualTo(ErrorCode.DEAL_BELOW_POLICY);
            assertThat(refusedOnChain(address(consumer), new DealCall.Post(id("lean after"), terms(1_000, 5, 3_600,
                    lean)))).contains(ErrorCode.DEAL_BELOW_POLICY);
            deals().post(id("fair after"), terms(1_000, 5, 3_600), consumer).orElseThrow();
            assertThat(deals().deal(id("lean before")).orElseThrow().terms().split())
                    .as("a deal keeps the split it was posted with").isEqualTo(lean);
        } finally {
            admin().schedulePolicy(before, id("restore")).orElseThrow();
            advanceTime(admin().delay().toSeconds() + 1);
            admin().executePolicy(before, id("restore")).orElseThrow();
        }
        assertThat(deals().policy()).isEqualTo(before);
    }

    @Test
    void anAccountWithoutTheMatcherRole_cannotCommitOrSettle() {
        Hash32 deal = post("not matcher", 1_000, 2, 3_600);
        Cohort c = cohort(deal, "not matcher", 2);
        for (EvmAddress stranger : List.of(address("stranger"), admin().address())) {
            assertThat(refusedOnChain(stranger, new DealCall.Commit(deal, c.root())))
                    .contains(ErrorCode.DEAL_NOT_MATCHER);
        }
        deals().commitCohort(deal, c.root()).orElseThrow();
        assertThat(refusedOnChain(address("stranger"), new DealCall.Settle(deal, pkg, c.payouts(), true,
                wrappedKey))).contains(ErrorCode.DEAL_NOT_MATCHER);
        assertThat(refusedOnChain(matcher(), new DealCall.Settle(deal, pkg, c.payouts(), true, wrappedKey)))
                .isEmpty();
    }

    @Test
    void theDeadlineAttack_noSettlementNoKeyAndTheWholeEscrowRefunded() {
        byte[] consumerKey = consumer("late consumer", 5_000);
        EvmAddress consumer = address(consumerKey);
        Hash32 deal = id("late");
        deals().post(deal, terms(1_000, 5, 60), consumerKey).orElseThrow();
        Cohort c = cohort(deal, "late", 3);
        deals().commitCohort(deal, c.root()).orElseThrow();
        assertThat(deals().refund(deal).failure().code()).isEqualTo(ErrorCode.DEAL_DEADLINE_NOT_REACHED);
        assertThat(refusedOnChain(consumer, new DealCall.Refund(deal))).contains(ErrorCode.DEAL_DEADLINE_NOT_REACHED);

        advanceTime(61);

        assertThat(deals().settle(deal, pkg, c.payouts(), wrappedKey).failure().code())
                .isEqualTo(ErrorCode.DEAL_DEADLINE_PASSED);
        assertThat(refusedOnChain(matcher(), new DealCall.Settle(deal, pkg, c.payouts(), true, wrappedKey)))
                .contains(ErrorCode.DEAL_DEADLINE_PASSED);
        TxRef refund = deals().refund(deal).orElseThrow();
        assertThat(deals().balanceOf(consumer)).isEqualTo(5_000);
        assertThat(deals().keyRelease(deal)).isEmpty();
        assertThat(deals().events(refund.blockNumber(), refund.blockNumber()))
                .containsExactly(new DealEvent.Refunded(deal, consumer, 5_000, refund.txHash(),
                        refund.blockNumber(), 0));
        assertThat(deals().refund(deal).failure().code()).isEqualTo(ErrorCode.DEAL_ALREADY_REFUNDED);
        assertThat(refusedOnChain(consumer, new DealCall.Refund(deal))).contains(ErrorCode.DEAL_ALREADY_REFUNDED);
        assertThat(deals().deal(deal).orElseThrow().refunded()).isEqualTo(5_000);
    }

    @Test
    void aSettlementBegunBeforeTheDeadline_isCompletedAfterIt_andItsEscrowIsNotRefundedMeanwhile() {
        byte[] consumerKey = consumer("completing consumer", 5_000);
        Hash32 deal = id("completing");
        deals().post(deal, terms(1_000, 5, 60), consumerKey).orElseThrow();
        Cohort c = cohort(deal, "completing", 3);
        deals().commitCohort(deal, c.root()).orElseThrow();
        settleOneChunk(deal, pkg, c.subList(0, 1));

        advanceTime(61);

        assertThat(deals().refund(deal).failure().code()).isEqualTo(ErrorCode.DEAL_SETTLEMENT_IN_PROGRESS);
        assertThat(refusedOnChain(address(consumerKey), new DealCall.Refund(deal)))
                .contains(ErrorCode.DEAL_SETTLEMENT_IN_PROGRESS);
        deals().settle(deal, pkg, c.payouts(), wrappedKey).orElseThrow();
        assertThat(deals().deal(deal).orElseThrow().paidPatients()).isEqualTo(3);
        deals().refund(deal).orElseThrow();
        assertThat(deals().balanceOf(address(consumerKey))).isEqualTo(2_000);
    }

    @Test
    void posting_isIdempotentForTheSameTermsAndRefusesOtherTermsUnderTheSameId() {
        byte[] consumer = consumer("idempotent consumer", 10_000);
        DealTerms terms = terms(1_000, 5, 3_600);
        TxRef first = deals().post(id("idempotent"), terms, consumer).orElseThrow();

        assertThat(deals().post(id("idempotent"), terms, consumer).orElseThrow()).isEqualTo(first);
        assertThat(deals().post(id("idempotent"), terms(999, 5, 3_600), consumer).failure().code())
                .isEqualTo(ErrorCode.DEAL_EXISTS);
        assertThat(deals().balanceOf(address(consumer))).isEqualTo(5_000);
        DealState d = deals().deal(id("idempotent")).orElseThrow();
        assertThat(d.terms()).isEqualTo(terms);
        assertThat(d.consumer()).isEqualTo(address(consumer));
        assertThat(d.escrow()).isEqualTo(5_000);
        assertThat(deals().events(first.blockNumber(), first.blockNumber())).singleElement()
                .isInstanceOfSatisfying(DealEvent.Posted.class, p -> {
                    assertThat(p.split()).isEqualTo(terms.split());
                    assertThat(p.criteriaCommitment()).isEqualTo(terms.criteriaCommitment());
                });
    }

    @Test
    void aConsumerWithoutEnoughTokens_isRefusedBeforeAnythingIsSent() {
        byte[] consumer = consumer("poor consumer", 999);
        long sent = sentBy(address(consumer));

        assertThat(deals().post(id("poor"), terms(100, 10, 3_600), consumer).failure().code())
                .isEqualTo(ErrorCode.DEAL_INSUFFICIENT_FUNDS);
        assertThat(sentBy(address(consumer))).as("nothing was sent").isEqualTo(sent);
        assertThat(deals().deal(id("poor"))).isEmpty();
    }

    @Test
    void moreThanMaxPatients_orACommitTwice_isRefused() {
        Cohort c = committed("cohort", 1_000, 3, 4, 3_600);
        Hash32 deal = id("cohort");

        assertThat(deals().commitCohort(deal, c.root()).orElseThrow().txHash()).as("the same commit again")
                .isNotBlank();
        assertThat(deals().commitCohort(deal, id("other root")).failure().code())
                .isEqualTo(ErrorCode.DEAL_ALREADY_COMMITTED);
        assertThat(deals().settle(deal, pkg, c.payouts(), wrappedKey).failure().code())
                .isEqualTo(ErrorCode.DEAL_COHORT_TOO_LARGE);
        assertThat(refusedOnChain(matcher(), new DealCall.Settle(deal, pkg, c.payouts(), true, wrappedKey)))
                .contains(ErrorCode.DEAL_COHORT_TOO_LARGE);
        assertThat(deals().settle(id("no such deal"), pkg, List.of(), wrappedKey).failure().code())
                .isEqualTo(ErrorCode.DEAL_NOT_FOUND);
    }

    @Test
    void aClaimAddressTransfer_movesWhatItHolds_andNeverMore() {
        byte[] claim = consumer("claim address", 700);
        EvmAddress wallet = address("wallet");
        long sent = sentBy(address(claim));

        assertThat(deals().transfer(claim, wallet, 701).failure().code()).isEqualTo(ErrorCode.DEAL_INSUFFICIENT_FUNDS);
        assertThat(sentBy(address(claim))).as("nothing was sent").isEqualTo(sent);
        deals().transfer(claim, wallet, 700).orElseThrow();

        assertThat(deals().balanceOf(wallet)).isEqualTo(700);
        assertThat(deals().balanceOf(address(claim))).isZero();
    }
}
