package io.salus.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statistical tests of the exact sampler against the discrete Laplace pmf {@code P(k) = (1 - e^-eps) / (1 + e^-eps) *
 * e^(-eps |k|)}. Seeds are fixed, so each run draws the same samples; tolerances are several standard errors wide.
 */
class DiscreteLaplaceTest {
    private static final int SAMPLES = 200_000;

    private static Map<Long, Integer> histogram(String eps, long seed) {
        DiscreteLaplace sampler = new DiscreteLaplace(new SplittableRandom(seed));
        Epsilon e = Epsilon.parse(eps).orElseThrow();
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < SAMPLES; i++) {
            counts.merge(sampler.sample(e), 1, Integer::sum);
        }
        return counts;
    }

    private static double pmf(double eps, long k) {
        double q = Math.exp(-eps);
        return (1 - q) / (1 + q) * Math.exp(-eps * Math.abs(k));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1", "0.5", "1", "2"})
    void empiricalDistribution_matchesThePmf_byChiSquareAndTotalVariation(String eps) {
        double e = Double.parseDouble(eps);
        Map<Long, Integer> counts = histogram(eps, 42);
        // bins k in [-K, K] with expected count >= 20; both tails pooled into one bin each
        long bound = 0;
        while (SAMPLES * pmf(e, bound + 1) >= 20) {
            bound++;
        }
        double chi2 = 0;
        double tv = 0;
        double tailProbability = 1;
        long tailObserved = SAMPLES;
        for (long k = -bound; k <= bound; k++) {
            double p = pmf(e, k);
            int observed = counts.getOrDefault(k, 0);
            double expected = SAMPLES * p;
            chi2 += (observed - expected) * (observed - expected) / expected;
            tv += Math.abs(observed / (double) SAMPLES - p);
            tailProbability -= p;
            tailObserved -= observed;
        }
        double tailExpected = SAMPLES * tailProbability;
        chi2 += (tailObserved - tailExpected) * (tailObserved - tailExpected) / tailExpected;
        tv += Math.abs(tailObserved / (double) SAMPLES - tailProbability);
        int df = (int) (2 * bound + 1);
        assertThat(chi2).as("chi-square with %d degrees of freedom", df).isLessThan(chiSquareCritical(df));
        assertThat(tv / 2).as("total variation distance").isLessThan(0.01);
    }

    /** The 1 - 1e-4 quantile of chi-square with {@code df} degrees of freedom (Wilson-Hilferty). */
    private static double chiSquareCritical(int df) {
        double z = 3.719;
        double a = 2.0 / (9 * df);
        return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1", "0.5", "1", "2"})
    void meanIsZero_andVarianceIsTwoQOverOneMinusQSquared(String eps) {
        double q = Math.exp(-Double.parseDouble(eps));
        double variance = 2 * q / ((1 - q) * (1 - q));
        Map<Long, Integer> counts = histogram(eps, 7);
        double sum = 0;
        double sumSquares = 0;
        for (var c : counts.entrySet()) {
            sum += c.getKey() * (double) c.getValue();
            sumSquares += c.getKey() * (double) c.getKey() * c.getValue();
        }
        double mean = sum / SAMPLES;
        double sampleVariance = sumSquares / SAMPLES - mean * mean;
        assertThat(Math.abs(mean)).isLessThan(5 * Math.sqrt(variance / SAMPLES));
        // the discrete Laplace has kurtosis about 6, so the variance estimate has relative error about sqrt(5 / n)
        assertThat(sampleVariance / variance).isBetween(1 - 5 * Math.sqrt(5.0 / SAMPLES),
                1 + 5 * Math.sqrt(5.0 / SAMPLES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1", "0.5", "1", "2"})
    void distributionIsSymmetric(String eps) {
        Map<Long, Integer> counts = histogram(eps, 11);
        long positive = 0;
        long negative = 0;
        for (var c : counts.entrySet()) {
            if (c.getKey() > 0) {
                positive += c.getValue();
            } else if (c.getKey() < 0) {
                negative += c.getValue();
            }
        }
        long nonZero = positive + negative;
        assertThat(Math.abs(positive - negative)).isLessThan((long) (5 * Math.sqrt(nonZero)));
        for (long k = 1; k <= 3; k++) {
            int plus = counts.getOrDefault(k, 0);
            int minus = counts.getOrDefault(-k, 0);
            assertThat(Math.abs(plus - minus)).as("P(%d) vs P(-%d)", k, k)
                    .isLessThan((int) (5 * Math.sqrt(plus + minus)) + 1);
        }
    }
}
