package io.salus.core.deal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class SplitCalculatorProperties {

    @Provide
    Arbitrary<Split> splits() {
        Arbitrary<Integer> bps = Arbitraries.integers().between(0, Split.TOTAL_BPS);
        return Combinators.combine(bps, bps, bps, bps).as((a, b, c, d) -> {
            int[] cuts = java.util.stream.IntStream.of(a, b, c, d).sorted().toArray();
            return new Split(cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], cuts[3] - cuts[2],
                    Split.TOTAL_BPS - cuts[3]);
        });
    }

    @Provide
    Arbitrary<List<Integer>> weights() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 1).list().ofMaxSize(12),
                Arbitraries.integers().between(1, Integer.MAX_VALUE).list().ofMaxSize(12));
    }

    @Provide
    Arbitrary<Long> prices() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 100), Arbitraries.longs().between(0, 10_000_000),
                Arbitraries.longs().between(0, DealTerms.MAX_PRICE));
    }

    @Property
    void thePartsSumExactlyToThePriceAndNoneIsNegative(@ForAll("prices") long price, @ForAll("splits") Split split,
            @ForAll boolean caregiver, @ForAll("weights") List<Integer> weights) {
        Shares s = SplitCalculator.shares(price, split, caregiver, weights);

        assertThat(s.total()).isEqualTo(price);
        assertThat(List.of(s.patient(), s.caregiver(), s.daoTreasury(), s.operator())).allMatch(v -> v >= 0);
        assertThat(s.providers()).allMatch(v -> v >= 0).hasSize(weights.size());
    }

    @Property
    void eachRoleButThePatientGetsItsShareRoundedDown(@ForAll("prices") long price, @ForAll("splits") Split split,
            @ForAll("weights") List<Integer> weights) {
        Shares s = SplitCalculator.shares(price, split, true, weights);

        assertThat(s.daoTreasury()).isEqualTo(floor(price, split.daoTreasury()));
        assertThat(s.operator()).isEqualTo(floor(price, split.operator()));
        assertThat(s.caregiver()).isEqualTo(floor(price, split.caregiver()));
        long providers = weights.isEmpty() ? 0 : floor(price, split.providers());
        assertThat(s.providersTotal()).isEqualTo(providers);
    }

    @Property
    void thePatientGetsItsShareAndTheRoundingRemainderWhichIsLessThanFiveUnits(@ForAll("prices") long price,
            @ForAll("splits") Split split, @ForAll("weights") List<Integer> weights) {
        Shares s = SplitCalculator.shares(price, split, true, weights);
        long own = floor(price, split.patient()) + (weights.isEmpty() ? floor(price, split.providers()) : 0);

        assertThat(s.patient()).isBetween(own, own + 4);
    }

    @Property
    void withoutACaregiverThePatientAlsoGetsTheCaregiverPart(@ForAll("prices") long price,
            @ForAll("splits") Split split, @ForAll("weights") List<Integer> weights) {
        Shares with = SplitCalculator.shares(price, split, true, weights);
        Shares without = SplitCalculator.shares(price, split, false, weights);

        assertThat(without.caregiver()).isZero();
        assertThat(without.patient()).isEqualTo(with.patient() + with.caregiver());
        assertThat(without.providers()).isEqualTo(with.providers());
    }

    @Property
    void providersArePaidProRataAndTheFirstGetsTheDivisionRemainder(@ForAll("prices") long price,
            @ForAll("splits") Split split, @ForAll("weights") List<Integer> weights) {
        Shares s = SplitCalculator.shares(price, split, true, weights);
        if (weights.isEmpty()) {
            return;
        }
        long part = s.providersTotal();
        BigInteger total = weights.stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
        for (int j = 1; j < weights.size(); j++) {
            assertThat(s.providers().get(j)).isEqualTo(BigInteger.valueOf(part)
                    .multiply(BigInteger.valueOf(weights.get(j))).divide(total).longValueExact());
        }
        long fair0 = BigInteger.valueOf(part).multiply(BigInteger.valueOf(weights.get(0))).divide(total)
                .longValueExact();
        assertThat(s.providers().get(0)).isBetween(fair0, fair0 + weights.size() - 1);
    }

    @Property
    void equalWeightsGiveSharesThatDifferByLessThanTheProviderCount(
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long price, @ForAll("splits") Split split,
            @ForAll("weights") List<Integer> anyWeights) {
        List<Integer> equal = anyWeights.stream().map(w -> 1).toList();
        Shares s = SplitCalculator.shares(price, split, true, equal);
        if (equal.isEmpty()) {
            return;
        }
        long low = s.providers().stream().mapToLong(Long::longValue).min().orElseThrow();
        long high = s.providers().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(high - low).isLessThan(equal.size());
        assertThat(s.providers().subList(1, equal.size())).allMatch(v -> v == low);
    }

    private static long floor(long price, int bps) {
        return BigInteger.valueOf(price).multiply(BigInteger.valueOf(bps)).divide(BigInteger.valueOf(10_000))
                .longValueExact();
    }
}
