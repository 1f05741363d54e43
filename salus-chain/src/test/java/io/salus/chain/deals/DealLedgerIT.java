package io.salus.chain.deals;

import static io.salus.chain.deals.DealFixture.address;
import static io.salus.chain.deals.DealFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.deals.internal.DealCalls;
import io.salus.chain.internal.Abi;
import io.salus.contracts.generated.DataDeals;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.DealState;
import io.salus.core.deal.DealStatus;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.deal.Role;
import io.salus.core.deal.Shares;
import io.salus.core.deal.SplitCalculator;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger.Settlement;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

class DealLedgerIT {
    @TempDir
    static java.nio.file.Path dir;
    static DealFixture f;
    static final Hash32 ROOT = id("cohort root");
    static final Hash32 PACKAGE = id("package");

    @BeforeAll
    static void start() {
        f = DealFixture.start(dir.resolve("chain"), 4);
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    static Hash32 post(String name, long price, int max, long seconds) {
        byte[] consumer = f.consumer(name + " consumer", price * max);
        f.deals().post(id(name), f.terms(price, max, seconds), consumer).orElseThrow();
        return id(name);
    }

    static List<Payout> payouts(String name, int n, Random r) {
        List<Payout> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Optional<EvmAddress> caregiver = r.nextBoolean()
                    ? Optional.of(address(name + " caregiver " + i))
                    : Optional.empty();
            List<ProviderShare> providers = new ArrayList<>();
            for (int j = r.nextInt(4); j > 0; j--) {
                providers.add(new ProviderShare(address(name + " provider " + r.nextInt(3)), 1 + r.nextInt(5)));
            }
            out.add(new Payout(address(name + " patient " + i), caregiver, providers));
        }
        return out;
    }

    @Test
    void settlement_paysEachPayeeExactlyWhatTheJavaCalculatorComputes() {
        long price = 1_234_567;
        Hash32 deal = post("equivalence", price, 11, 3_600);
        List<Payout> payouts = payouts("equivalence", 10, new Random(7));
        Map<EvmAddress, Long> expected = new HashMap<>();
        for (Payout p : payouts) {
            Shares s = SplitCalculator.shares(price, DealFixture.SPLIT, p);
            expected.merge(p.patient(), s.patient(), Long::sum);
            p.caregiver().ifPresent(c -> expected.merge(c, s.caregiver(), Long::sum));
            for (int j = 0; j < p.providers().size(); j++) {
                expected.merge(p.providers().get(j).provider(), s.providers().get(j), Long::sum);
            }
            expected.merge(f.deals().relayer(), s.daoTreasury() + s.operator(), Long::sum);
        }
        Map<EvmAddress, Long> before = new HashMap<>();
        expected.keySet().forEach(a -> before.put(a, f.deals().balanceOf(a)));

        f.deals().commitCohort(deal, ROOT, 10).orElseThrow();
        Settlement s = f.deals().settle(deal, PACKAGE, payouts).orElseThrow();

        assertThat(s.txs()).hasSize(3);
        assertThat(s.patientsPaid()).isEqualTo(10);
        expected.forEach((a, amount) -> assertThat(f.deals().balanceOf(a) - before.get(a)).as(a.hex())
                .isEqualTo(amount));
        DealState state = f.deals().deal(deal).orElseThrow();
        assertThat(state.status()).isEqualTo(DealStatus.SETTLED);
        assertThat(state.packageHash()).contains(PACKAGE);
        assertThat(state.escrow()).isEqualTo(price);
        List<DealEvent> events = f.deals().events(s.txs().get(0).blockNumber(), f.deals().headBlock());
        long paid = events.stream().filter(e -> e instanceof DealEvent.Paid p && p.dealId().equals(deal))
                .mapToLong(e -> ((DealEvent.Paid) e).amount()).sum();
        assertThat(paid).isEqualTo(price * 10);
        assertThat(events).filteredOn(e -> e instanceof DealEvent.SettlementRecorded r && r.last()).hasSize(1);
        assertThat(f.deals().balanceOf(f.contracts().deals().orElseThrow().dataDeals()))
                .isEqualTo(f.deals().totalEscrow());
    }

    @Test
    void aSettledDeal_isNeverSettledAgain() {
        Hash32 deal = post("twice", 1_000, 2, 3_600);
        f.deals().commitCohort(deal, ROOT, 2).orElseThrow();
        List<Payout> payouts = payouts("twice", 2, new Random(1));
        f.deals().settle(deal, PACKAGE, payouts).orElseThrow();

        assertThat(f.deals().settle(deal, PACKAGE, payouts).failure().code())
                .isEqualTo(ErrorCode.DEAL_ALREADY_SETTLED);
        assertThat(f.revertOf(f.deals().relayer(), DealCalls.settle(deal, PACKAGE, payouts, true)))
                .contains(ErrorCode.DEAL_WRONG_STATE);
    }

    @Test
    void anInterruptedSettlement_resumesWithThePatientsNotYetPaid() {
        Hash32 deal = post("resume", 1_000, 7, 3_600);
        f.deals().commitCohort(deal, ROOT, 7).orElseThrow();
        List<Payout> payouts = payouts("resume", 7, new Random(2));
        f.ledger().access().sender().send(f.contracts().deals().orElseThrow().dataDeals().hex(),
                DealCalls.settle(deal, PACKAGE, payouts.subList(0, 3), false));
        assertThat(f.deals().deal(deal).orElseThrow().status()).isEqualTo(DealStatus.SETTLING);

        assertThat(f.deals().settle(deal, id("another package"), payouts).failure().code())
                .isEqualTo(ErrorCode.DEAL_PACKAGE_MISMATCH);
        Settlement rest = f.deals().settle(deal, PACKAGE, payouts).orElseThrow();

        assertThat(rest.patientsPaid()).isEqualTo(4);
        DealState state = f.deals().deal(deal).orElseThrow();
        assertThat(state.paidPatients()).isEqualTo(7);
        assertThat(state.status()).isEqualTo(DealStatus.SETTLED);
        for (Payout p : payouts) {
            long received = f.deals().events(0, f.deals().headBlock()).stream()
                    .filter(e -> e instanceof DealEvent.Paid pd && pd.dealId().equals(deal)
                            && pd.role() == Role.PATIENT && pd.payee().equals(p.patient()))
                    .count();
            assertThat(received).as("payments to " + p.patient()).isEqualTo(1);
        }
    }

    @Test
    void basisPointsNotSummingToTenThousand_areRefusedByTheContract() {
        EvmAddress consumer = address(f.consumer("bad split consumer", 1_000));
        DealTerms t = f.terms(100, 10, 3_600);
        String data = Abi.encode(DataDeals.FUNC_POSTDEAL, new Bytes32(id("bad split").bytes()),
                new Bytes32(t.criteriaHash().bytes()), new Uint64(t.categories()), new Uint8(t.purpose().bit()),
                new Uint128(t.pricePerPatient()), new Uint32(t.maxPatients()),
                new Uint64(t.deadline().getEpochSecond()), new DataDeals.Split(BigInteger.valueOf(6_000),
                        BigInteger.valueOf(2_000), BigInteger.valueOf(1_000), BigInteger.valueOf(500),
                        BigInteger.valueOf(499)));

        assertThat(f.revertOf(consumer, data)).contains(ErrorCode.DEAL_INVALID_TERMS);
    }

    @Test
    void anAccountThatIsNotAMatcher_cannotCommitOrSettle() {
        Hash32 deal = post("not matcher", 1_000, 2, 3_600);
        EvmAddress stranger = address("stranger");

        assertThat(f.revertOf(stranger, DealCalls.commitCohort(deal, ROOT, 2)))
                .contains(ErrorCode.DEAL_NOT_MATCHER);
        f.deals().commitCohort(deal, ROOT, 2).orElseThrow();
        assertThat(f.revertOf(stranger, DealCalls.settle(deal, PACKAGE, payouts("not matcher", 2,
                new Random(3)), true))).contains(ErrorCode.DEAL_NOT_MATCHER);
        assertThat(f.revertOf(f.deals().relayer(), DealCalls.settle(deal, PACKAGE, payouts("not matcher", 2,
                new Random(3)), true))).isEmpty();
    }

    @Test
    void afterTheDeadline_settlementIsRefusedAndTheConsumerGetsTheEscrowBackOnce() {
        byte[] consumerKey = f.consumer("late consumer", 5_000);
        EvmAddress consumer = address(consumerKey);
        Hash32 deal = id("late");
        f.deals().post(deal, f.terms(1_000, 5, 120), consumerKey).orElseThrow();
        f.deals().commitCohort(deal, ROOT, 3).orElseThrow();
        List<Payout> payouts = payouts("late", 3, new Random(4));
        f.ledger().access().sender().send(f.contracts().deals().orElseThrow().dataDeals().hex(),
                DealCalls.settle(deal, PACKAGE, payouts.subList(0, 1), false));
        assertThat(f.deals().refund(deal).failure().code()).isEqualTo(ErrorCode.DEAL_DEADLINE_NOT_REACHED);
        assertThat(f.revertOf(consumer, DealCalls.refund(deal))).contains(ErrorCode.DEAL_DEADLINE_NOT_REACHED);

        f.travel(121);

        assertThat(f.deals().settle(deal, PACKAGE, payouts).failure().code())
                .isEqualTo(ErrorCode.DEAL_DEADLINE_PASSED);
        assertThat(f.revertOf(f.deals().relayer(), DealCalls.settle(deal, PACKAGE, payouts.subList(1, 3), true)))
                .contains(ErrorCode.DEAL_DEADLINE_PASSED);
        TxRef refund = f.deals().refund(deal).orElseThrow();
        assertThat(f.deals().balanceOf(consumer)).isEqualTo(4_000);
        assertThat(f.deals().events(refund.blockNumber(), refund.blockNumber()))
                .containsExactly(new DealEvent.Refunded(deal, consumer, 4_000, refund.txHash(),
                        refund.blockNumber(), 0));
        assertThat(f.deals().refund(deal).failure().code()).isEqualTo(ErrorCode.DEAL_ALREADY_REFUNDED);
        assertThat(f.revertOf(consumer, DealCalls.refund(deal))).contains(ErrorCode.DEAL_ALREADY_REFUNDED);
        assertThat(f.deals().deal(deal).orElseThrow().refunded()).isEqualTo(4_000);
    }

    @Test
    void posting_isIdempotentForTheSameTermsAndRefusesOtherTermsUnderTheSameId() {
        byte[] consumer = f.consumer("idempotent consumer", 10_000);
        DealTerms terms = f.terms(1_000, 5, 3_600);
        TxRef first = f.deals().post(id("idempotent"), terms, consumer).orElseThrow();

        assertThat(f.deals().post(id("idempotent"), terms, consumer).orElseThrow()).isEqualTo(first);
        assertThat(f.deals().post(id("idempotent"), f.terms(999, 5, 3_600), consumer).failure().code())
                .isEqualTo(ErrorCode.DEAL_EXISTS);
        assertThat(f.deals().balanceOf(address(consumer))).isEqualTo(5_000);
        DealState d = f.deals().deal(id("idempotent")).orElseThrow();
        assertThat(d.terms()).isEqualTo(terms);
        assertThat(d.consumer()).isEqualTo(address(consumer));
        assertThat(d.escrow()).isEqualTo(5_000);
        assertThat(f.deals().events(first.blockNumber(), first.blockNumber())).singleElement()
                .isInstanceOf(DealEvent.Posted.class);
    }

    @Test
    void aConsumerWithoutEnoughTokens_isRefusedBeforeAnythingIsSent() {
        byte[] consumer = f.consumer("poor consumer", 999);
        long head = f.deals().headBlock();

        assertThat(f.deals().post(id("poor"), f.terms(100, 10, 3_600), consumer).failure().code())
                .isEqualTo(ErrorCode.DEAL_INSUFFICIENT_FUNDS);
        assertThat(f.deals().headBlock()).isEqualTo(head);
        assertThat(f.deals().deal(id("poor"))).isEmpty();
    }

    @Test
    void cohortLargerThanTheMaximum_orCommittedTwice_isRefused() {
        Hash32 deal = post("cohort", 1_000, 3, 3_600);

        assertThat(f.deals().commitCohort(deal, ROOT, 4).failure().code()).isEqualTo(ErrorCode.DEAL_COHORT_TOO_LARGE);
        assertThat(f.revertOf(f.deals().relayer(), DealCalls.commitCohort(deal, ROOT, 4)))
                .contains(ErrorCode.DEAL_COHORT_TOO_LARGE);
        TxRef commit = f.deals().commitCohort(deal, ROOT, 3).orElseThrow();
        assertThat(f.deals().commitCohort(deal, ROOT, 3).orElseThrow()).isEqualTo(commit);
        assertThat(f.deals().commitCohort(deal, id("other root"), 3).failure().code())
                .isEqualTo(ErrorCode.DEAL_ALREADY_COMMITTED);
        assertThat(f.deals().settle(deal, PACKAGE, payouts("cohort", 4, new Random(5))).failure().code())
                .isEqualTo(ErrorCode.DEAL_COHORT_TOO_LARGE);
        assertThat(f.deals().settle(id("no such deal"), PACKAGE, List.of()).failure().code())
                .isEqualTo(ErrorCode.DEAL_NOT_FOUND);
    }
}
