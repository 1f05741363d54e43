package io.salus.core.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.salus.core.error.ErrorCode;
import io.salus.core.privacy.CountRelease;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.NoisyCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BuiltInAggregatesTest {
    static final Epsilon STRONG = Epsilon.parse("10").orElseThrow();
    final SplittableRandom random = new SplittableRandom(17);
    final CountRelease counts = new CountRelease(random);
    final NoisySum sums = new NoisySum(random);

    @Test
    void theExactKaplanMeier_matchesTheProductLimitByHand() {
        List<KaplanMeier.Observation> obs = List.of(new KaplanMeier.Observation(1, true),
                new KaplanMeier.Observation(2, false), new KaplanMeier.Observation(3, true),
                new KaplanMeier.Observation(3, true), new KaplanMeier.Observation(4, false),
                new KaplanMeier.Observation(5, true));

        List<KaplanMeier.Point> curve = KaplanMeier.exact(obs);

        assertThat(curve).extracting(KaplanMeier.Point::time).containsExactly(1.0, 3.0, 5.0);
        assertThat(curve.get(0).survival()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(curve.get(1).survival()).isCloseTo(5.0 / 12, within(1e-12));
        assertThat(curve.get(2).survival()).isZero();
    }

    @Test
    void aReleasedSurvivalCurve_withAStrongEpsilon_followsTheExactCurve() {
        List<KaplanMeier.Observation> obs = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            obs.add(new KaplanMeier.Observation(random.nextDouble(0, 12), random.nextInt(3) > 0));
        }
        List<KaplanMeier.Point> exact = KaplanMeier.exact(obs);

        KaplanMeier.Curve released = new KaplanMeier(sums).release(obs, 1, 10, STRONG).orElseThrow();

        assertThat(released.patients()).isInstanceOf(NoisyCount.Released.class);
        for (KaplanMeier.Point p : released.points()) {
            double reference = exact.stream().filter(e -> e.time() < p.time()).reduce((a, b) -> b)
                    .map(KaplanMeier.Point::survival).orElse(1.0);
            assertThat(p.survival()).as("S(%s)", p.time()).isCloseTo(reference, within(0.05));
        }
    }

    @Test
    void aSurvivalCurveOfAHandfulOfPatients_isWithheld() {
        List<KaplanMeier.Observation> obs = List.of(new KaplanMeier.Observation(1, true),
                new KaplanMeier.Observation(2, true));

        KaplanMeier.Curve c = new KaplanMeier(sums).release(obs, 1, 5, STRONG).orElseThrow();

        assertThat(c.patients()).isInstanceOf(NoisyCount.FewerThan.class);
        assertThat(c.points()).isEmpty();
    }

    @Test
    void badBinsOrBounds_areRefusedWithTheParameterError() {
        assertThat(new KaplanMeier(sums).release(List.of(), 0, 5, STRONG).failure().code())
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(new KaplanMeier(sums).release(List.of(), 1, 5_000, STRONG).failure().code())
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(new BoundedMean(counts, sums).release(List.of(1.0), 5, 5, 1, STRONG).failure().code())
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(new BoundedMean(counts, sums).release(List.of(1.0), 0, 1, 1e-9, STRONG).failure().code())
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
    }

    @Test
    void aBoundedMean_withAStrongEpsilon_isCloseToTheClampedMean() {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            values.add(random.nextDouble(60, 100));
        }
        values.add(10_000.0); // an outlier is clamped to the range, so it cannot move the mean far
        double clampedMean = values.stream().mapToDouble(v -> Math.min(200, v)).average().orElseThrow();

        BoundedMean.Mean m = new BoundedMean(counts, sums).release(values, 0, 200, 0.1, STRONG).orElseThrow();

        assertThat(m.mean()).hasValueSatisfying(v -> assertThat(v).isCloseTo(clampedMean, within(0.5)));
    }

    @Test
    void theMeanOfTooFewPatients_isNotShown() {
        BoundedMean.Mean m = new BoundedMean(counts, sums).release(List.of(70.0, 80.0), 0, 200, 1, STRONG)
                .orElseThrow();

        assertThat(m.count()).isInstanceOf(NoisyCount.FewerThan.class);
        assertThat(m.mean()).isEmpty();
    }

    @Test
    void ratesByStratum_areShownOnlyWhereBothCountsAreReleased_andEveryNamedStratumAppears() {
        Map<String, StratifiedRates.Cell> exact = Map.of("18-39", new StratifiedRates.Cell(400, 40), "40-64",
                new StratifiedRates.Cell(300, 3), "65+", new StratifiedRates.Cell(5, 2));

        List<StratifiedRates.Rate> rates = new StratifiedRates(counts).release(List.of("18-39", "40-64", "65+",
                "unknown"), exact, STRONG);

        assertThat(rates).extracting(StratifiedRates.Rate::stratum).containsExactly("18-39", "40-64", "65+",
                "unknown");
        assertThat(rates.get(0).rate()).hasValueSatisfying(r -> assertThat(r).isCloseTo(0.1, within(0.01)));
        assertThat(rates.get(1).rate()).as("3 events are suppressed, so no rate").isEmpty();
        assertThat(rates.get(2).patients()).isInstanceOf(NoisyCount.FewerThan.class);
        assertThat(rates.get(3).patients()).isInstanceOf(NoisyCount.FewerThan.class);
    }

    @Test
    void anEpsilonSplitInParts_isExact() {
        Epsilon eighth = Epsilon.parse("0.5").orElseThrow().over(4);
        Epsilon third = Epsilon.parse("1").orElseThrow().over(3);

        assertThat(eighth.numerator()).isEqualTo(1);
        assertThat(eighth.denominator()).isEqualTo(8);
        assertThat(third.numerator()).isEqualTo(1);
        assertThat(third.denominator()).isEqualTo(3);
    }
}
