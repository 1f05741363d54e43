package io.salus.chain.deals;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.deals.internal.DealCalls;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.DealState;
import io.salus.core.deal.DealStatus;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sequences of post, commit, settle (whole or one chunk at a time), refund and time travel by several consumers,
 * the matcher and a stranger, against anvil. Each outcome is compared with what a model predicts, and after every step:
 * the contract's token balance equals the sum of the deals' escrow; per deal, escrow + refunded + paid = funded and
 * paid patients never exceed the committed cohort; a settled deal stays settled; a refund happens only after the
 * deadline. At the end, from the events: at most one closing settlement and one refund per deal, and the payments of
 * each deal sum to price × paid patients. Each sequence runs on its own deployment of the contracts, so that the
 * contract's balance is this sequence's escrow alone.
 */
@WithChain
class DealInvariantIT {
    private static final int STEPS = 150;
    private static final long SLACK_SECONDS = 3;

    private DealFixture f;
    private Random random;
    private final List<Hash32> posted = new ArrayList<>();
    private final Map<Hash32, DealState> last = new HashMap<>();
    private final List<byte[]> consumers = new ArrayList<>();
    private int counter;
    private final Map<String, Integer> outcomes = new java.util.TreeMap<>();

    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 20_240_601L})
    void randomSequences_keepFundsConservedAndNeverSettleTwice(long seed, TestChain chain) {
        random = new Random(seed);
        f = DealFixture.on(chain, chain.freshDeployment(), 1 + random.nextInt(3));
        for (int c = 0; c < 3; c++) {
            consumers.add(f.consumer("fuzz consumer " + seed + " " + c, 1_000_000_000_000L));
        }
        for (int step = 0; step < STEPS; step++) {
            switch (random.nextInt(11)) {
                case 0, 1 -> post();
                case 2, 3 -> commit();
                case 4, 5 -> settle();
                case 6 -> refund();
                case 7 -> strangerIsRefused();
                case 8, 9 -> commitOrSettleTheNewest();
                default -> f.travel(random.nextInt(90));
            }
            checkInvariants();
        }
        checkEvents();
        org.slf4j.LoggerFactory.getLogger(DealInvariantIT.class).info("seed {}: outcomes {}", seed, outcomes);
    }

    private void post() {
        byte[] consumer = consumers.get(random.nextInt(consumers.size()));
        boolean invalid = random.nextInt(6) == 0;
        DealTerms t = f.terms(invalid ? 0 : 1 + random.nextInt(10_000_000), 1 + random.nextInt(6),
                60 + random.nextInt(600));
        Hash32 deal = id("fuzz deal " + random.nextLong() + " " + counter++);
        Result<?> r = f.deals().post(deal, t, consumer);
        if (invalid) {
            assertThat(r.failure().code()).isEqualTo(ErrorCode.DEAL_INVALID_TERMS);
            return;
        }
        assertThat(r.isOk()).as(String.valueOf(r)).isTrue();
        posted.add(deal);
    }

    private Optional<DealState> pick() {
        return posted.isEmpty()
                ? Optional.empty()
                : f.deals().deal(posted.get(random.nextInt(posted.size())));
    }

    /** Moves the newest deal on, so that the sequences reach settlement often. */
    private void commitOrSettleTheNewest() {
        if (posted.isEmpty()) {
            return;
        }
        DealState d = f.deals().deal(posted.get(posted.size() - 1)).orElseThrow();
        if (d.status() == DealStatus.OPEN) {
            Instant now = f.deals().now();
            Result<?> r = f.deals().commitCohort(d.dealId(), id("root " + d.dealId()), d.terms().maxPatients());
            expect(r, now.isAfter(d.terms().deadline())
                    ? Optional.of(ErrorCode.DEAL_DEADLINE_PASSED)
                    : Optional.empty(), near(now, d), ErrorCode.DEAL_DEADLINE_PASSED);
        } else {
            settleDeal(d);
        }
    }

    private void commit() {
        pick().ifPresent(d -> {
            int count = random.nextInt(5) == 0
                    ? random.nextInt(d.terms().maxPatients() + 2)
                    : 1 + random.nextInt(d.terms().maxPatients());
            Instant now = f.deals().now();
            Result<?> r = f.deals().commitCohort(d.dealId(), id("root " + random.nextLong()), count);
            Optional<ErrorCode> expected = d.status() != DealStatus.OPEN
                    ? Optional.of(ErrorCode.DEAL_ALREADY_COMMITTED)
                    : now.isAfter(d.terms().deadline())
                            ? Optional.of(ErrorCode.DEAL_DEADLINE_PASSED)
                            : count == 0
                                    ? Optional.of(ErrorCode.DEAL_INVALID_PAYOUT)
                                    : count > d.terms().maxPatients()
                                            ? Optional.of(ErrorCode.DEAL_COHORT_TOO_LARGE)
                                            : Optional.empty();
            expect(r, expected, near(now, d), ErrorCode.DEAL_DEADLINE_PASSED);
        });
    }

    private void settle() {
        pick().ifPresent(this::settleDeal);
    }

    private void settleDeal(DealState d) {
        {
            Hash32 pkg = d.packageHash().orElse(id("package " + d.dealId()));
            int size = Math.max(d.cohortSize(), d.paidPatients()) + (random.nextInt(5) == 0 ? 1 : 0);
            List<Payout> payouts = payouts(d.dealId(), size);
            Instant now = f.deals().now();
            if (random.nextBoolean() && d.status().compareTo(DealStatus.SETTLED) < 0
                    && d.status() != DealStatus.OPEN && d.paidPatients() < size) {
                oneChunk(d, pkg, payouts.subList(d.paidPatients(), d.paidPatients() + 1), now);
                return;
            }
            Result<?> r = f.deals().settle(d.dealId(), pkg, payouts);
            Optional<ErrorCode> expected = d.status() == DealStatus.OPEN
                    ? Optional.of(ErrorCode.DEAL_WRONG_STATE)
                    : d.status() == DealStatus.SETTLED
                            ? Optional.of(ErrorCode.DEAL_ALREADY_SETTLED)
                            : now.isAfter(d.terms().deadline())
                                    ? Optional.of(ErrorCode.DEAL_DEADLINE_PASSED)
                                    : size > d.cohortSize()
                                            ? Optional.of(ErrorCode.DEAL_COHORT_TOO_LARGE)
                                            : Optional.empty();
            expect(r, expected, near(now, d), ErrorCode.DEAL_DEADLINE_PASSED);
        }
    }

    /** One chunk sent straight to the contract (as an interrupted settlement leaves it), bypassing the checks. */
    private void oneChunk(DealState d, Hash32 pkg, List<Payout> chunk, Instant now) {
        boolean mayPass = !now.isAfter(d.terms().deadline().plusSeconds(0))
                && d.paidPatients() + chunk.size() <= d.cohortSize();
        try {
            f.ledger().access().sender().send(f.contracts().deals().orElseThrow().dataDeals().hex(),
                    DealCalls.settle(d.dealId(), pkg, chunk, false));
            assertThat(mayPass || near(now, d)).as("a chunk the contract must refuse was accepted").isTrue();
            outcomes.merge("chunk ok", 1, Integer::sum);
        } catch (SalusException e) {
            assertThat(!mayPass || near(now, d)).as("a valid chunk was refused: " + e.getMessage()).isTrue();
            outcomes.merge("chunk refused", 1, Integer::sum);
        }
    }

    private void refund() {
        pick().ifPresent(d -> {
            Instant now = f.deals().now();
            Result<?> r = f.deals().refund(d.dealId());
            Optional<ErrorCode> expected = d.refunded() > 0
                    ? Optional.of(ErrorCode.DEAL_ALREADY_REFUNDED)
                    : !now.isAfter(d.terms().deadline())
                            ? Optional.of(ErrorCode.DEAL_DEADLINE_NOT_REACHED)
                            : d.escrow() == 0
                                    ? Optional.of(ErrorCode.DEAL_NOTHING_TO_REFUND)
                                    : Optional.empty();
            expect(r, expected, near(now, d), ErrorCode.DEAL_DEADLINE_NOT_REACHED);
            if (r.isOk()) {
                assertThat(f.deals().now()).as("refunded after the deadline").isAfter(d.terms().deadline());
            }
        });
    }

    private void strangerIsRefused() {
        pick().ifPresent(d -> {
            EvmAddress stranger = address("fuzz stranger");
            assertThat(f.revertOf(stranger, DealCalls.commitCohort(d.dealId(), id("x"), 1)))
                    .contains(ErrorCode.DEAL_NOT_MATCHER);
            assertThat(f.revertOf(stranger, DealCalls.settle(d.dealId(), id("x"), payouts(d.dealId(), 1), true)))
                    .contains(ErrorCode.DEAL_NOT_MATCHER);
            Instant now = f.deals().now();
            if (!now.plusSeconds(SLACK_SECONDS).isAfter(d.terms().deadline())) {
                assertThat(f.revertOf(stranger, DealCalls.refund(d.dealId())))
                        .contains(ErrorCode.DEAL_DEADLINE_NOT_REACHED);
            }
        });
    }

    private List<Payout> payouts(Hash32 deal, int n) {
        List<Payout> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Optional<EvmAddress> caregiver = random.nextBoolean()
                    ? Optional.of(address("cg " + deal + i))
                    : Optional.empty();
            List<ProviderShare> providers = new ArrayList<>();
            for (int j = random.nextInt(3); j > 0; j--) {
                providers.add(new ProviderShare(address("provider " + random.nextInt(4)), 1 + random.nextInt(9)));
            }
            out.add(new Payout(address("patient " + deal + i), caregiver, providers));
        }
        return out;
    }

    private static boolean near(Instant now, DealState d) {
        return Math.abs(now.getEpochSecond() - d.terms().deadline().getEpochSecond()) <= SLACK_SECONDS;
    }

    private void expect(Result<?> r, Optional<ErrorCode> expected, boolean nearDeadline, ErrorCode timing) {
        outcomes.merge(r.isOk() ? "ok" : r.failure().code().name(), 1, Integer::sum);
        if (nearDeadline && (!r.isOk() && r.failure().code() == timing || r.isOk())) {
            return;
        }
        if (expected.isEmpty()) {
            assertThat(r.isOk()).as(String.valueOf(r)).isTrue();
        } else {
            assertThat(r.isOk()).as("expected " + expected.get()).isFalse();
            assertThat(r.failure().code()).isEqualTo(expected.get());
        }
    }

    private void checkInvariants() {
        long sum = 0;
        for (Hash32 id : posted) {
            DealState d = f.deals().deal(id).orElseThrow();
            long funded = d.terms().escrow();
            assertThat(d.escrow() + d.refunded() + d.paidOut()).as("conservation of " + id).isEqualTo(funded);
            assertThat(d.paidPatients()).isLessThanOrEqualTo(d.cohortSize());
            assertThat(d.cohortSize()).isLessThanOrEqualTo(d.terms().maxPatients());
            DealState before = last.get(id);
            if (before != null) {
                assertThat(d.status()).isGreaterThanOrEqualTo(before.status());
                assertThat(d.paidPatients()).isGreaterThanOrEqualTo(before.paidPatients());
                if (before.status() == DealStatus.SETTLED) {
                    assertThat(d.paidPatients()).as("a settled deal pays no more").isEqualTo(before.paidPatients());
                }
            }
            last.put(id, d);
            sum += d.escrow();
        }
        long balance = f.deals().balanceOf(f.contracts().deals().orElseThrow().dataDeals());
        assertThat(balance).isEqualTo(f.deals().totalEscrow()).isEqualTo(sum);
    }

    private void checkEvents() {
        List<DealEvent> events = f.deals().events(0, f.deals().headBlock());
        for (Hash32 id : posted) {
            DealState d = f.deals().deal(id).orElseThrow();
            List<DealEvent> mine = events.stream().filter(e -> e.dealId().equals(id)).toList();
            assertThat(mine).filteredOn(e -> e instanceof DealEvent.SettlementRecorded s && s.last())
                    .hasSizeLessThanOrEqualTo(1);
            assertThat(mine).filteredOn(e -> e instanceof DealEvent.Refunded).hasSizeLessThanOrEqualTo(1);
            long paid = mine.stream().filter(e -> e instanceof DealEvent.Paid)
                    .mapToLong(e -> ((DealEvent.Paid) e).amount()).sum();
            assertThat(paid).isEqualTo(d.paidOut());
            assertThat(mine.get(0)).isInstanceOf(DealEvent.Posted.class);
            assertThat(Set.of(DealStatus.values())).contains(d.status());
        }
    }

    private Hash32 id(String name) {
        return f.id(name);
    }

    private EvmAddress address(String name) {
        return f.address(name);
    }
}
