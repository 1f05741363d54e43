package io.salus.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class CountReleaseProperties {

    @Provide
    Arbitrary<Epsilon> epsilons() {
        return Arbitraries.integers().between(1, 10_000_000)
                .map(micros -> Epsilon.of(java.math.BigDecimal.valueOf(micros, 6)).orElseThrow());
    }

    @Property
    void releasedValues_areNeverBelowTheThreshold_andSuppressionSaysOnlyFewerThan11(
            @ForAll @LongRange(min = 0, max = 1_000) long trueCount, @ForAll("epsilons") Epsilon eps,
            @ForAll long seed) {
        NoisyCount c = new CountRelease(new SplittableRandom(seed)).release(trueCount, eps);
        switch (c) {
            case NoisyCount.Released r -> {
                assertThat(r.value()).isGreaterThanOrEqualTo(CountRelease.THRESHOLD);
                assertThat(r.display()).isEqualTo(Long.toString(r.value())).matches("[0-9]+");
            }
            case NoisyCount.FewerThan f -> {
                assertThat(f.threshold()).isEqualTo(11);
                assertThat(f.display()).isEqualTo("fewer than 11");
            }
        }
    }

    @Property
    void hugeCounts_saturateInsteadOfOverflowing(@ForAll("epsilons") Epsilon eps, @ForAll long seed) {
        NoisyCount c = new CountRelease(new SplittableRandom(seed)).release(Long.MAX_VALUE - 3, eps);
        assertThat(c).isInstanceOfSatisfying(NoisyCount.Released.class, r -> assertThat(r.value()).isPositive());
    }

    @Property
    void suppressionIsDecidedOnTheNoisyValue_notOnTheTrueCount(@ForAll @LongRange(min = 0, max = 40) long trueCount,
            @ForAll("epsilons") Epsilon eps, @ForAll long seed) {
        long noisy = Math.max(0, trueCount + new DiscreteLaplace(new SplittableRandom(seed)).sample(eps));
        NoisyCount c = new CountRelease(new SplittableRandom(seed)).release(trueCount, eps);
        assertThat(c).isEqualTo(noisy < 11 ? new NoisyCount.FewerThan(11) : new NoisyCount.Released(noisy));
    }
}
