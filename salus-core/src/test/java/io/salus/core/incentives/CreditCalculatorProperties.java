package io.salus.core.incentives;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The credit rule: nothing is minted (never more than the pools), more data or a better stream never earns less, and
 * the order depositors are listed in changes nothing.
 */
class CreditCalculatorProperties {

    @Provide
    Arbitrary<DepositorPeriod> depositor() {
        Arbitrary<Long> records = Arbitraries.oneOf(Arbitraries.longs().between(0, 100),
                Arbitraries.longs().between(0, 10_000_000_000L));
        Arbitrary<Optional<StreamQuality>> stream = Combinators.combine(Arbitraries.longs().between(0, 100_000),
                Arbitraries.longs().between(0, 120_000), Arbitraries.integers().between(1, 31),
                Arbitraries.integers().between(0, 31)).as((e, r, p, d) -> new StreamQuality(e, r, p, Math.min(d, p)))
                .optional();
        return Combinators.combine(records, stream, Arbitraries.longs().between(0, 1_000_000)).as(
                (n, s, u) -> new DepositorPeriod(new AccountId(UUID.randomUUID()), n, s, u));
    }

    @Provide
    Arbitrary<List<DepositorPeriod>> period() {
        return depositor().list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<PeriodFunding> funding() {
        Arbitrary<Long> pool = Arbitraries.oneOf(Arbitraries.longs().between(0, 1000),
                Arbitraries.longs().between(0, 1_000_000_000_000L));
        return Combinators.combine(pool, pool).as(PeriodFunding::new);
    }

    private static CreditStatement credit(long rate, PeriodFunding f, List<DepositorPeriod> ds) {
        return CreditCalculator.credit(new CreditRule(rate), f, ds).orElseThrow();
    }

    @Property
    void theTotalPaidNeverExceedsThePools(@ForAll @LongRange(max = 1_000_000) long rate,
            @ForAll("funding") PeriodFunding f, @ForAll("period") List<DepositorPeriod> ds) {
        CreditStatement s = credit(rate, f, ds);
        assertThat(s.holdingPaid()).isBetween(0L, f.holdingPool());
        assertThat(s.utilisationPaid()).isBetween(0L, f.utilisationPool());
        assertThat(s.credits()).allSatisfy(c -> assertThat(c.holding()).isNotNegative())
                .allSatisfy(c -> assertThat(c.utilisation()).isNotNegative());
        assertThat(s.holdingPaid() + s.holdingLeft()).isEqualTo(f.holdingPool());
        if (s.prorated()) {
            assertThat(s.holdingLeft()).as("rounding leaves less than a unit per depositor").isLessThan(ds.size());
        }
    }

    @Property
    void moreRecords_neverEarnLess(@ForAll @LongRange(max = 1_000_000) long rate, @ForAll("funding") PeriodFunding f,
            @ForAll("period") List<DepositorPeriod> others, @ForAll("depositor") DepositorPeriod me,
            @ForAll @LongRange(min = 1, max = 1_000_000_000L) long more) {
        DepositorPeriod bigger = new DepositorPeriod(me.depositor(), me.recordsHeld() + more, me.stream(),
                me.utilisationUnits());
        assertThat(mine(rate, f, others, bigger).holding()).isGreaterThanOrEqualTo(mine(rate, f, others, me)
                .holding());
    }

    @Property
    void aMoreCompleteOrMoreContinuousStream_neverEarnsLess(@ForAll @LongRange(max = 1_000_000) long rate,
            @ForAll("funding") PeriodFunding f, @ForAll("period") List<DepositorPeriod> others,
            @ForAll("depositor") DepositorPeriod me, @ForAll @IntRange(min = 1, max = 5000) int moreReadings,
            @ForAll @IntRange(min = 0, max = 31) int moreDays) {
        StreamQuality q = me.stream().orElse(new StreamQuality(1000, 0, 30, 0));
        DepositorPeriod base = new DepositorPeriod(me.depositor(), me.recordsHeld(), Optional.of(q),
                me.utilisationUnits());
        StreamQuality better = new StreamQuality(q.expectedReadings(), q.receivedReadings() + moreReadings,
                q.periodDays(), Math.min(q.periodDays(), q.daysWithData() + moreDays));
        DepositorPeriod improved = new DepositorPeriod(me.depositor(), me.recordsHeld(), Optional.of(better),
                me.utilisationUnits());
        assertThat(better.qualityBps()).isGreaterThanOrEqualTo(q.qualityBps());
        assertThat(mine(rate, f, others, improved).holding()).isGreaterThanOrEqualTo(mine(rate, f, others, base)
                .holding());
    }

    @Property
    void anAmplePool_paysExactlyTheFixedRate(@ForAll @LongRange(max = 1000) long rate,
            @ForAll("period") List<DepositorPeriod> ds) {
        CreditStatement s = credit(rate, new PeriodFunding(Long.MAX_VALUE / 4, 0), ds);
        assertThat(s.prorated()).isFalse();
        assertThat(s.credits()).allSatisfy(c -> assertThat(c.holding()).isEqualTo(rate * c.weight() / 10_000));
    }

    @Property
    void theOrderOfDepositors_changesNoOnesCredits(@ForAll @LongRange(max = 1_000_000) long rate,
            @ForAll("funding") PeriodFunding f, @ForAll("period") List<DepositorPeriod> ds) {
        List<DepositorPeriod> reversed = new ArrayList<>(ds);
        Collections.reverse(reversed);
        Map<AccountId, Credit> a = byDepositor(credit(rate, f, ds));
        Map<AccountId, Credit> b = byDepositor(credit(rate, f, reversed));
        assertThat(b).isEqualTo(a);
    }

    private static Credit mine(long rate, PeriodFunding f, List<DepositorPeriod> others, DepositorPeriod me) {
        List<DepositorPeriod> all = new ArrayList<>(others);
        all.add(me);
        return byDepositor(credit(rate, f, all)).get(me.depositor());
    }

    private static Map<AccountId, Credit> byDepositor(CreditStatement s) {
        return s.credits().stream().collect(Collectors.toMap(Credit::depositor, Function.identity()));
    }
}
