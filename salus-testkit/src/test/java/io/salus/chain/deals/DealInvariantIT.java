package io.salus.chain.deals;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.deals.internal.DealCalls;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.DealState;
import io.salus.core.deal.DealStatus;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.Role;
import io.salus.core.deal.Split;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.data.DealFixtures;
import io.salus.testkit.data.DealFixtures.Cohort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fuzzing of the deal contracts from Java, against anvil: random sequences of posts (some below the policy), commits,
 * settlements through the ledger, raw chunks sent straight to the contract (honest ones, chunks repeating a paid
 * patient, chunks with a forged payee or an invented payout), refunds, strangers and time travel, by several
 * consumers. After every step: token conservation (the contract's balance equals the sum of the deals' escrow, and
 * per deal escrow + refunded + paid = funded), paid patients never exceed maxPatients, a settled deal stays settled.
 * At the end, from the events: every patient paid is in the deal's committed cohort (payees ⊆ cohort), no patient is
 * paid twice in a deal, the payments of a deal sum to price × paid patients, and the content key is released at most
 * once and only by a settled deal. Each sequence runs on its own deployment of the contracts, so that the contract's
 * balance is this sequence's escrow alone.
 */
@WithChain
class DealInvariantIT {
    private static final int STEPS = 150;
    private static final long SLACK_SECONDS = 3;

    private DealFixture f;
    private Random random;
    private final List<Hash32> posted = new ArrayList<>();
    private final Map<Hash32, Cohort> cohorts = new HashMap<>();
    private final Map<Hash32, DealState> last = new HashMap<>();
    private final List<byte[]> consumers = new ArrayList<>();
    private int counter;
    private final Map<String, Integer> outcomes = new TreeMap<>();

    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 20_240_601L})
    void randomSequences_conserveTokens_payOnlyTheCohort_andNeverPayTwice(long seed, TestChain chain) {
        random = new Random(seed);
        f = DealFixture.on(chain, chain.freshDeployment(), 1 + random.nextInt(3));
        for (int c = 0; c < 3; c++) {
            consumers.add(f.consumer("fuzz consumer " + seed + " " + c, 1_000_000_000_000L));
        }
        for (int step = 0; step < STEPS; step++) {
            switch (random.nextInt(12)) {
                case 0, 1 -> post();
                case 2, 3 -> commit();
                case 4, 5 -> settle();
                case 6 -> refund();
                case 7 -> strangerIsRefused();
                case 8, 9 -> rawChunk();
                case 10 -> commitOrSettleTheNewest();
                default -> f.travel(random.nextInt(90));
            }
            checkInvariants();
        }
        checkEvents();
        LoggerFactory.getLogger(DealInvariantIT.class).info("seed {}: outcomes {}", seed, outcomes);
    }

    private void post() {
        byte[] consumer = consumers.get(random.nextInt(consumers.size()));
        int kind = random.nextInt(8);
        Split split = kind == 1 ? new Split(0, 0, 0, 0, 10_000) : DealFixtures.SPLIT;
        DealTerms t = f.terms(kind == 0 ? 0 : 1 + random.nextInt(10_000_000), 1 + random.nextInt(6),
                60 + random.nextInt(600), split);
        Hash32 deal = id("fuzz deal " + random.nextLong() + " " + counter++);
        Result<?> r = f.deals().post(deal, t, consumer);
        record(r);
        if (kind == 0) {
            assertThat(r.failure().code()).isEqualTo(ErrorCode.DEAL_INVALID_TERMS);
        } else if (kind == 1) {
            assertThat(r.failure().code()).isEqualTo(ErrorCode.DEAL_BELOW_POLICY);
        } else {
            assertThat(r.isOk()).as(String.valueOf(r)).isTrue();
            posted.add(deal);
        }
    }

    private Optional<DealState> pick() {
        return posted.isEmpty()
                ? Optional.empty()
                : f.deals().deal(posted.get(random.nextInt(posted.size())));
    }

    private void commitOrSettleTheNewest() {
        if (!posted.isEmpty()) {
            DealState d = f.deals().deal(posted.get(posted.size() - 1)).orElseThrow();
            if (d.status() == DealStatus.OPEN) {
                commit(d);
            } else {
                settle(d);
            }
        }
    }

    private void commit() {
        pick().ifPresent(this::commit);
    }

    private void commit(DealState d) {
        int size = 1 + random.nextInt(d.terms().maxPatients() + 1);
        Cohort c = DealFixture.cohort(d.dealId(), f.payouts("fuzz " + d.dealId() + " " + random.nextLong(), size,
                random));
        Instant now = f.deals().chainTime();
        Result<?> r = f.deals().commitCohort(d.dealId(), c.root());
        Optional<ErrorCode> expected = d.status() != DealStatus.OPEN
                ? Optional.of(ErrorCode.DEAL_ALREADY_COMMITTED)
                : now.isAfter(d.terms().deadline()) ? Optional.of(ErrorCode.DEAL_DEADLINE_PASSED) : Optional.empty();
        expect(r, expected, near(now, d.terms().deadline()), ErrorCode.DEAL_DEADLINE_PASSED);
        if (r.isOk() && d.status() == DealStatus.OPEN) {
            cohorts.put(d.dealId(), c);
        }
    }

    private void settle() {
        pick().ifPresent(this::settle);
    }

    private void settle(DealState d) {
        Cohort c = cohorts.get(d.dealId());
        List<ProvenPayout> payouts = c == null ? List.of() : c.payouts();
        Instant now = f.deals().chainTime();
        Result<?> r = f.deals().settle(d.dealId(), f.packageHashes(), payouts, f.wrappedKey());
        Instant deadline = d.status() == DealStatus.SETTLING
                ? d.terms().deadline().plus(DealChecks.COMPLETION_WINDOW)
                : d.terms().deadline();
        Optional<ErrorCode> expected = switch (d.status()) {
            case OPEN -> Optional.of(ErrorCode.DEAL_WRONG_STATE);
            case SETTLED -> Optional.of(ErrorCode.DEAL_ALREADY_SETTLED);
            default -> now.isAfter(deadline)
                    ? Optional.of(ErrorCode.DEAL_DEADLINE_PASSED)
                    : payouts.size() > d.terms().maxPatients()
                            ? Optional.of(ErrorCode.DEAL_COHORT_TOO_LARGE)
                            : Optional.empty();
        };
        expect(r, expected, near(now, deadline), ErrorCode.DEAL_DEADLINE_PASSED);
    }

    /** A chunk sent straight to the contract, bypassing the checks: honest, repeating a payee, or forged. */
    private void rawChunk() {
        Optional<DealState> picked = pick();
        if (picked.isEmpty() || !cohorts.containsKey(picked.get().dealId())) {
            return;
        }
        DealState d = picked.get();
        List<ProvenPayout> all = cohorts.get(d.dealId()).payouts();
        ProvenPayout one = all.get(random.nextInt(all.size()));
        List<ProvenPayout> chunk;
        String kind;
        switch (random.nextInt(4)) {
            case 0 -> {
                Payout p = one.payout();
                chunk = List.of(new ProvenPayout(new Payout(p.pseudonym(), address("forged " + random.nextInt()),
                        p.caregiver(), p.providers()), one.proof()));
                kind = "forged";
            }
            case 1 -> {
                chunk = List.of(one, one);
                kind = "twice";
            }
            default -> {
                chunk = List.of(one);
                kind = "honest";
            }
        }
        boolean last = random.nextInt(3) == 0;
        try {
            f.ledger().access().sender().send(f.dataDeals().hex(), DealCalls.settle(d.dealId(), f.packageHashes(),
                    chunk, last, last ? f.wrappedKey() : new byte[0]));
            assertThat(kind).as("a " + kind + " chunk was accepted").isEqualTo("honest");
            outcomes.merge("chunk ok", 1, Integer::sum);
        } catch (SalusException e) {
            outcomes.merge("chunk refused: " + kind, 1, Integer::sum);
        }
    }

    private void refund() {
        pick().ifPresent(d -> {
            Instant now = f.deals().chainTime();
            Result<?> r = f.deals().refund(d.dealId());
            Instant window = d.terms().deadline().plus(DealChecks.COMPLETION_WINDOW);
            Optional<ErrorCode> expected = d.refunded() > 0
                    ? Optional.of(ErrorCode.DEAL_ALREADY_REFUNDED)
                    : !now.isAfter(d.terms().deadline())
                            ? Optional.of(ErrorCode.DEAL_DEADLINE_NOT_REACHED)
                            : d.status() == DealStatus.SETTLING && !now.isAfter(window)
                                    ? Optional.of(ErrorCode.DEAL_SETTLEMENT_IN_PROGRESS)
                                    : d.escrow() == 0
                                            ? Optional.of(ErrorCode.DEAL_NOTHING_TO_REFUND)
                                            : Optional.empty();
            expect(r, expected, near(now, d.terms().deadline()), ErrorCode.DEAL_DEADLINE_NOT_REACHED);
            if (r.isOk()) {
                assertThat(f.deals().chainTime()).as("refunded after the deadline").isAfter(d.terms().deadline());
            }
        });
    }

    private void strangerIsRefused() {
        pick().ifPresent(d -> {
            EvmAddress stranger = address("fuzz stranger");
            Cohort c = DealFixture.cohort(d.dealId(), f.payouts("stranger", 1, random));
            assertThat(f.revertOf(stranger, DealCalls.commitCohort(d.dealId(), c.root())))
                    .contains(ErrorCode.DEAL_NOT_MATCHER);
            assertThat(f.revertOf(stranger, DealCalls.settle(d.dealId(), f.packageHashes(), c.payouts(), true,
                    f.wrappedKey()))).contains(ErrorCode.DEAL_NOT_MATCHER);
            if (!f.deals().chainTime().plusSeconds(SLACK_SECONDS).isAfter(d.terms().deadline())) {
                assertThat(f.revertOf(stranger, DealCalls.refund(d.dealId())))
                        .contains(ErrorCode.DEAL_DEADLINE_NOT_REACHED);
            }
        });
    }

    private static boolean near(Instant now, Instant deadline) {
        return Math.abs(now.getEpochSecond() - deadline.getEpochSecond()) <= SLACK_SECONDS;
    }

    private void record(Result<?> r) {
        outcomes.merge(r.isOk() ? "ok" : r.failure().code().name(), 1, Integer::sum);
    }

    private void expect(Result<?> r, Optional<ErrorCode> expected, boolean nearDeadline, ErrorCode timing) {
        record(r);
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
            assertThat(d.paidPatients()).isLessThanOrEqualTo(d.terms().maxPatients());
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
        long balance = f.deals().balanceOf(f.dataDeals());
        assertThat(balance).isEqualTo(f.deals().totalEscrow()).isEqualTo(sum);
    }

    private void checkEvents() {
        List<DealEvent> events = f.deals().events(0, f.deals().headBlock());
        for (Hash32 id : posted) {
            DealState d = f.deals().deal(id).orElseThrow();
            List<DealEvent> mine = events.stream().filter(e -> e.dealId().equals(id)).toList();
            Set<EvmAddress> cohort = new HashSet<>();
            Optional.ofNullable(cohorts.get(id)).ifPresent(c -> c.payouts().forEach(p -> cohort.add(p.payout()
                    .patient())));
            Set<EvmAddress> paidOnce = new HashSet<>();
            for (DealEvent e : mine) {
                if (e instanceof DealEvent.Paid p && p.role() == Role.PATIENT) {
                    assertThat(cohort).as("payees ⊆ cohort").contains(p.payee());
                    assertThat(paidOnce.add(p.payee())).as("no double payment of " + p.payee()).isTrue();
                }
            }
            assertThat(paidOnce).hasSize(d.paidPatients());
            long paid = mine.stream().filter(e -> e instanceof DealEvent.Paid)
                    .mapToLong(e -> ((DealEvent.Paid) e).amount()).sum();
            assertThat(paid).isEqualTo(d.paidOut());
            long keys = mine.stream().filter(e -> e instanceof DealEvent.KeyReleased).count();
            assertThat(keys).isEqualTo(d.status() == DealStatus.SETTLED ? 1 : 0);
            assertThat(mine).filteredOn(e -> e instanceof DealEvent.Refunded).hasSizeLessThanOrEqualTo(1);
            assertThat(mine.get(0)).isInstanceOf(DealEvent.Posted.class);
        }
    }

    private Hash32 id(String name) {
        return f.id(name);
    }

    private EvmAddress address(String name) {
        return f.address(name);
    }
}
