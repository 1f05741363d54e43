package io.salus.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The differencing attack: count "all" and "all but the target", subtract, and guess that the target is in the data
 * when the difference is about one. With the queries its privacy budget affords (total {@code B} spent in queries of
 * {@code eps}), no attacker can be right with probability above {@code e^B / (1 + e^B)} on a fair coin (sequential
 * composition and the hypothesis-testing view of {@code B}-differential privacy). The simulated attackers stay under
 * that bound; the same attack on exact counts is always right.
 */
class DifferencingAttackTest {
    private static final int ATTACKS = 20_000;
    private static final double TOLERANCE = 0.02; // more than 5 standard errors of an accuracy over 20,000 attacks

    private static long affordable(String total, Epsilon eps) {
        return new Remaining("attacker", new BigDecimal(total), BigDecimal.ZERO).affordable(eps);
    }

    private static double bound(long queries, Epsilon eps) {
        double spent = queries * eps.value().doubleValue();
        return Math.exp(spent) / (1 + Math.exp(spent));
    }

    private static long shown(NoisyCount c) {
        return c instanceof NoisyCount.Released r ? r.value() : 0;
    }

    /** Half the queries on "all", half on "all but one"; the base count is unknown to the attacker. */
    private static double differencingAccuracy(long queries, long seed, LongUnaryOperator release) {
        SplittableRandom world = new SplittableRandom(seed);
        int right = 0;
        for (int a = 0; a < ATTACKS; a++) {
            long others = world.nextLong(200, 10_000);
            boolean present = world.nextBoolean();
            long all = others + (present ? 1 : 0);
            long allQueries = (queries + 1) / 2;
            long butOneQueries = queries - allQueries;
            double sumAll = 0;
            for (long i = 0; i < allQueries; i++) {
                sumAll += release.applyAsLong(all);
            }
            double sumButOne = 0;
            for (long i = 0; i < butOneQueries; i++) {
                sumButOne += release.applyAsLong(others);
            }
            double difference = sumAll / allQueries - (butOneQueries == 0 ? others : sumButOne / butOneQueries);
            boolean guess = butOneQueries == 0 ? world.nextBoolean() : difference > 0.5;
            right += guess == present ? 1 : 0;
        }
        return right / (double) ATTACKS;
    }

    /** The strongest simple attacker: knows the count of everyone else and spends every query on "all". */
    private static double informedAccuracy(long queries, long seed, LongUnaryOperator release) {
        SplittableRandom world = new SplittableRandom(seed);
        int right = 0;
        for (int a = 0; a < ATTACKS; a++) {
            long others = world.nextLong(200, 10_000);
            boolean present = world.nextBoolean();
            long all = others + (present ? 1 : 0);
            double sum = 0;
            for (long i = 0; i < queries; i++) {
                sum += release.applyAsLong(all);
            }
            boolean guess = sum / queries - others > 0.5;
            right += guess == present ? 1 : 0;
        }
        return right / (double) ATTACKS;
    }

    @ParameterizedTest
    @CsvSource({"1, 0.5", "1, 0.1", "2, 1", "0.5, 0.5", "1, 1"})
    void differencingAttack_withinTheBudget_isRightNoMoreOftenThanTheDpBound(String total, String eps) {
        Epsilon e = Epsilon.parse(eps).orElseThrow();
        long queries = affordable(total, e);
        CountRelease counts = new CountRelease(new SplittableRandom(99));
        LongUnaryOperator noisy = n -> shown(counts.release(n, e));

        double bound = bound(queries, e);
        assertThat(differencingAccuracy(queries, 5, noisy)).isLessThanOrEqualTo(bound + TOLERANCE);
        assertThat(informedAccuracy(queries, 6, noisy)).isLessThanOrEqualTo(bound + TOLERANCE);
    }

    @Test
    void singleInformedQuery_reachesTheBound_soTheBoundIsTight() {
        Epsilon e = Epsilon.parse("1").orElseThrow();
        CountRelease counts = new CountRelease(new SplittableRandom(123));
        double accuracy = informedAccuracy(1, 8, n -> shown(counts.release(n, e)));
        assertThat(accuracy).isBetween(bound(1, e) - TOLERANCE, bound(1, e) + TOLERANCE);
    }

    @Test
    void differencingAttack_onExactCounts_isAlwaysRight() {
        assertThat(differencingAccuracy(2, 5, n -> n)).isEqualTo(1.0);
        assertThat(informedAccuracy(1, 6, n -> n)).isEqualTo(1.0);
    }
}
