package io.salus.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExactBernoulliTest {
    private static final int TRIALS = 200_000;

    @ParameterizedTest
    @CsvSource({"0,1", "1,10", "1,2", "1,1", "3,2", "5,2", "7,1"})
    void bernoulliExpMinus_succeedsWithProbabilityExpMinusGamma(long num, long den) {
        ExactBernoulli bits = new ExactBernoulli(new SplittableRandom(num * 31 + den));
        int ones = 0;
        for (int i = 0; i < TRIALS; i++) {
            ones += bits.bernoulliExpMinus(num, den) ? 1 : 0;
        }
        double p = Math.exp(-(double) num / den);
        double se = Math.sqrt(p * (1 - p) / TRIALS);
        assertThat(ones / (double) TRIALS).isCloseTo(p, org.assertj.core.data.Offset.offset(5 * se + 1e-9));
    }

    @Test
    void uniformBelow_coversEveryValueEvenly_forANonPowerOfTwo() {
        ExactBernoulli bits = new ExactBernoulli(new SplittableRandom(3));
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[(int) bits.uniformBelow(7)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(10_000 - 500, 10_000 + 500);
        }
        assertThat(bits.uniformBelow(1)).isZero();
    }

    @Test
    void rejectsArgumentsThatAreNotProbabilities() {
        ExactBernoulli bits = new ExactBernoulli(new SplittableRandom(1));
        assertThatThrownBy(() -> bits.bernoulli(3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bits.bernoulliExpMinus(-1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bits.uniformBelow(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
