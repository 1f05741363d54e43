package io.salus.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.DealState;
import io.salus.core.deal.DealStatus;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.Role;
import io.salus.core.deal.Shares;
import io.salus.core.deal.Split;
import io.salus.core.deal.SplitCalculator;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger;
import io.salus.core.port.DealLedger.Settlement;
import io.salus.testkit.data.DealFixtures;
import io.salus.testkit.data.KeySpace;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link DealLedger}: posting funds the escrow once per id and terms; the cohort is committed once,
 * within its maximum, before the deadline; settlement pays every payee exactly what {@link SplitCalculator} computes,
 * in chunks, resumes after an interruption paying only those not yet paid, and never happens twice or after the
 * deadline; after the deadline the consumer gets the rest of the escrow back once. The chain enforces the same rules
 * on its own: each refused call sent straight to it, bypassing the adapter's checks, is refused there too
 * ({@link #refusedOnChain}), and only the node's matcher may commit or settle. An adapter is accepted when a subclass
 * supplying it passes. The chain may hold other tests' deals: ids and keys here are random per test instance.
 */
public abstract class DealLedgerContract {
    /** The settlement chunk the adapter under test must be configured with (patients per transaction). */
    public static final int CHUNK = 4;
    protected static final Split SPLIT = DealFixtures.SPLIT;
    private final KeySpace keys = KeySpace.random();
    private final Hash32 root = keys.id("cohort root");
    private final Hash32 packageHash = keys.id("package");

    /** The deal ledger under test, settling in chunks of {@link #CHUNK} patients. */
    protected abstract DealLedger deals();

    /** The chain's time (its latest block's): deadlines are judged by it. */
    protected abstract Instant now();

    /** Moves the chain's time forward by {@code seconds}. */
    protected abstract void advanceTime(long seconds);

    /**
     * The node's account: the matcher that commits and settles, and in this deployment the payee of the DAO treasury's
     * and the operator's shares.
     */
    protected abstract EvmAddress operator();

    /** Pays one chunk straight on chain without closing the deal, as an interrupted settlement leaves it. */
    protected abstract void settleOneChunk(Hash32 dealId, Hash32 packageHash, List<Payout> chunk);

    /** The failure the chain itself gives {@code call} sent straight to it from {@code from}; empty if it accepts. */
    protected abstract Optional<ErrorCode> refusedOnChain(EvmAddress from, DealCall call);

    /** The token units the escrow holds. */
    protected abstract long escrowTokens();

    /** The escrow the chain accounts for across all deals. */
    protected abstract long escrowRecorded();

    /** A call of the escrow contract, as the adapter would send it. */
    public sealed interface DealCall {
        record Commit(Hash32 dealId, Hash32 root, int patientCount) implements DealCall {
        }

        record Settle(Hash32 dealId, Hash32 packageHash, List<Payout> payouts, boolean last) implements DealCall {
        }

        record Refund(Hash32 dealId) implements DealCall {
        }
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
    DealTerms terms(long price, int maxPatients, long seconds) {
        return DealFixtures.terms(id("criteria"), now(), price, maxPatients, seconds);
    }

    /** A consumer key holding {@code amount} units. */
    byte[] consumer(String name, long amount) {
        byte[] k = key(name);
        deals().mint(address(k), amount);
        return k;
    }

    Hash32 post(String name, long price, int max, long seconds) {
        byte[] consumer = consumer(name + " consumer", price * max);
        deals().post(id(name), terms(price, max, seconds), consumer).orElseThrow();
        return id(name);
    }

    List<Payout> payouts(String name, int n, Random r) {
        return DealFixtures.payouts(name, n, r, this::address);
    }

    @Test
    void settlement_paysEachPayeeExactlyWhatTheJavaCalculatorComputes() {
        long price = 1_234_567;
        Hash32 deal = post("equivalence", price, 11, 3_600);
        List<Payout> payouts = payouts("equivalence", 10, new Random(7));
        Map<EvmAddress, Long> expected = new HashMap<>();
        for (Payout p : payouts) {
            Shares s = SplitCalculator.shares(price, SPLIT, p);
            expected.merge(p.patient(), s.patient(), Long::sum);
            p.caregiver().ifPresent(c -> expected.merge(c, s.caregiver(), Long::sum));
            for (int j = 0; j < p.providers().size(); j++) {
                expected.merge(p.providers().get(j).provider(), s.providers().get(j), Long::sum);
            }
            expected.merge(operator(), s.daoTreasury() + s.operator(), Long::sum);
        }
        Map<EvmAddress, Long> before = new HashMap<>();
        expected.keySet().forEach(a -> before.put(a, deals().balanceOf(a)));

        deals().commitCohort(deal, root, 10).orElseThrow();
        Settlement s = deals().settle(deal, packageHash, payouts).orElseThrow();

        assertThat(s.txs()).hasSize(3);
        assertThat(s.patientsPaid()).isEqualTo(10);
        expected.forEach((a, amount) -> assertThat(deals().balanceOf(a) - before.get(a)).as(a.hex())
                .isEqualTo(amount));
        DealState state = deals().deal(deal).orElseThrow();
        assertThat(state.status()).isEqualTo(DealStatus.SETTLED);
        assertThat(state.packageHash()).contains(packageHash);
        assertThat(state.escrow()).isEqualTo(price);
        List<DealEvent> events = deals().events(s.txs().get(0).blockNumber(), deals().headBlock());
        long paid = events.stream().filter(e -> e instanceof DealEvent.Paid p && p.dealId().equals(deal))
                .mapToLong(e -> ((DealEvent.Paid) e).amount()).sum();
        assertThat(paid).isEqualTo(price * 10);
        assertThat(events).filteredOn(e -> e instanceof DealEvent.SettlementRecorded r && r.last()).hasSize(1);
        assertThat(escrowTokens()).isEqualTo(escrowRecorded());
    }

    @Test
    void aSettledDeal_isNeverSettledAgain() {
        Hash32 deal = post("twice", 1_000, 2, 3_600);
        deals().commitCohort(deal, root, 2).orElseThrow();
        List<Payout> payouts = payouts("twice", 2, new Random(1));
        deals().settle(deal, packageHash, payouts).orElseThrow();

        assertThat(deals().settle(deal, packageHash, payouts).failure().code())
                .isEqualTo(ErrorCode.DEAL_ALREADY_SETTLED);
        assertThat(refusedOnChain(operator(), new DealCall.Settle(deal, packageHash, payouts, true)))
                .contains(ErrorCode.DEAL_WRONG_STATE);
    }

    @Test
    void anInterruptedSettlement_resumesWithThePatientsNotYetPaid() {
        Hash32 deal = post("resume", 1_000, 7, 3_600);
        deals().commitCohort(deal, root, 7).orElseThrow();
        List<Payout> payouts = payouts("resume", 7, new Random(2));
        settleOneChunk(deal, packageHash, payouts.subList(0, 3));
        assertThat(deals().deal(deal).orElseThrow().status()).isEqualTo(DealStatus.SETTLING);

        assertThat(deals().settle(deal, id("another package"), payouts).failure().code())
                .isEqualTo(ErrorCode.DEAL_PACKAGE_MISMATCH);
        Settlement rest = deals().settle(deal, packageHash, payouts).orElseThrow();

        assertThat(rest.patientsPaid()).isEqualTo(4);
        DealState state = deals().deal(deal).orElseThrow();
        assertThat(state.paidPatients()).isEqualTo(7);
        assertThat(state.status()).isEqualTo(DealStatus.SETTLED);
        for (Payout p : payouts) {
            long received = deals().events(0, deals().headBlock()).stream()
                    .filter(e -> e instanceof DealEvent.Paid pd && pd.dealId().equals(deal)
                            && pd.role() == Role.PATIENT && pd.payee().equals(p.patient()))
                    .count();
            assertThat(received).as("payments to " + p.patient()).isEqualTo(1);
        }
    }

    @Test
    void anAccountThatIsNotAMatcher_cannotCommitOrSettle() {
        Hash32 deal = post("not matcher", 1_000, 2, 3_600);
        EvmAddress stranger = address("stranger");

        assertThat(refusedOnChain(stranger, new DealCall.Commit(deal, root, 2)))
                .contains(ErrorCode.DEAL_NOT_MATCHER);
        deals().commitCohort(deal, root, 2).orElseThrow();
        assertThat(refusedOnChain(stranger, new DealCall.Settle(deal, packageHash, payouts("not matcher", 2,
                new Random(3)), true))).contains(ErrorCode.DEAL_NOT_MATCHER);
        assertThat(refusedOnChain(operator(), new DealCall.Settle(deal, packageHash, payouts("not matcher", 2,
                new Random(3)), true))).isEmpty();
    }

    @Test
    void afterTheDeadline_settlementIsRefusedAndTheConsumerGetsTheEscrowBackOnce() {
        byte[] consumerKey = consumer("late consumer", 5_000);
        EvmAddress consumer = address(consumerKey);
        Hash32 deal = id("late");
        deals().post(deal, terms(1_000, 5, 120), consumerKey).orElseThrow();
        deals().commitCohort(deal, root, 3).orElseThrow();
        List<Payout> payouts = payouts("late", 3, new Random(4));
        settleOneChunk(deal, packageHash, payouts.subList(0, 1));
        assertThat(deals().refund(deal).failure().code()).isEqualTo(ErrorCode.DEAL_DEADLINE_NOT_REACHED);
        assertThat(refusedOnChain(consumer, new DealCall.Refund(deal))).contains(ErrorCode.DEAL_DEADLINE_NOT_REACHED);

        advanceTime(121);

        assertThat(deals().settle(deal, packageHash, payouts).failure().code())
                .isEqualTo(ErrorCode.DEAL_DEADLINE_PASSED);
        assertThat(refusedOnChain(operator(), new DealCall.Settle(deal, packageHash, payouts.subList(1, 3), true)))
                .contains(ErrorCode.DEAL_DEADLINE_PASSED);
        TxRef refund = deals().refund(deal).orElseThrow();
        assertThat(deals().balanceOf(consumer)).isEqualTo(4_000);
        assertThat(deals().events(refund.blockNumber(), refund.blockNumber()))
                .containsExactly(new DealEvent.Refunded(deal, consumer, 4_000, refund.txHash(),
                        refund.blockNumber(), 0));
        assertThat(deals().refund(deal).failure().code()).isEqualTo(ErrorCode.DEAL_ALREADY_REFUNDED);
        assertThat(refusedOnChain(consumer, new DealCall.Refund(deal))).contains(ErrorCode.DEAL_ALREADY_REFUNDED);
        assertThat(deals().deal(deal).orElseThrow().refunded()).isEqualTo(4_000);
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
                .isInstanceOf(DealEvent.Posted.class);
    }

    @Test
    void aConsumerWithoutEnoughTokens_isRefusedBeforeAnythingIsSent() {
        byte[] consumer = consumer("poor consumer", 999);
        long head = deals().headBlock();

        assertThat(deals().post(id("poor"), terms(100, 10, 3_600), consumer).failure().code())
                .isEqualTo(ErrorCode.DEAL_INSUFFICIENT_FUNDS);
        assertThat(deals().headBlock()).isEqualTo(head);
        assertThat(deals().deal(id("poor"))).isEmpty();
    }

    @Test
    void cohortLargerThanTheMaximum_orCommittedTwice_isRefused() {
        Hash32 deal = post("cohort", 1_000, 3, 3_600);

        assertThat(deals().commitCohort(deal, root, 4).failure().code()).isEqualTo(ErrorCode.DEAL_COHORT_TOO_LARGE);
        assertThat(refusedOnChain(operator(), new DealCall.Commit(deal, root, 4)))
                .contains(ErrorCode.DEAL_COHORT_TOO_LARGE);
        TxRef commit = deals().commitCohort(deal, root, 3).orElseThrow();
        assertThat(deals().commitCohort(deal, root, 3).orElseThrow()).isEqualTo(commit);
        assertThat(deals().commitCohort(deal, id("other root"), 3).failure().code())
                .isEqualTo(ErrorCode.DEAL_ALREADY_COMMITTED);
        assertThat(deals().settle(deal, packageHash, payouts("cohort", 4, new Random(5))).failure().code())
                .isEqualTo(ErrorCode.DEAL_COHORT_TOO_LARGE);
        assertThat(deals().settle(id("no such deal"), packageHash, List.of()).failure().code())
                .isEqualTo(ErrorCode.DEAL_NOT_FOUND);
    }
}
