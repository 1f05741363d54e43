package io.salus.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.salus.core.compute.DpGradientDescent;
import io.salus.core.compute.GaussianAccountant;
import io.salus.core.compute.KaplanMeier;
import io.salus.core.compute.LogisticModel;
import io.salus.core.compute.NoisySum;
import io.salus.core.error.ErrorCode;
import io.salus.core.privacy.CountRelease;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.NoisyCount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReleaseGateTest {
    static final Epsilon STRONG = Epsilon.parse("10").orElseThrow();
    final SplittableRandom random = new SplittableRandom(5);
    final ReleaseGate gate = new ReleaseGate(new CountRelease(random), new NoisySum(random),
            new DpGradientDescent(random));

    static JobPlan.Module module(int outputs, int blocks) {
        return new JobPlan.Module(List.of("observation:x"), STRONG, new byte[]{0}, outputs, 0, 100, blocks,
                Duration.ofSeconds(1));
    }

    @Test
    void aRunReturningMoreValuesThanItsDeclaredAggregates_isRefused_andNothingIsReleased() {
        NoisyCount.Released cohort = new NoisyCount.Released(40);
        List<List<Double>> rows = List.of(List.of(1.0, 2.0, 3.0, 4.0), List.of(5.0, 6.0, 7.0, 8.0));

        var released = gate.module(module(1, 2), cohort, rows);

        assertThat(released.isOk()).isFalse();
        assertThat(released.failure().code()).isEqualTo(ErrorCode.JOB_ROWS_REFUSED);
    }

    @Test
    void moduleOutputs_areClampedToTheirRange_andAveragedOverTheBlocks() {
        List<List<Double>> runs = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            runs.add(List.of(40.0 + b % 2, 1e9, Double.NaN));
        }

        Map<String, Object> doc = gate.module(module(3, 20), new NoisyCount.Released(300), runs).orElseThrow();

        @SuppressWarnings("unchecked")
        List<Double> out = (List<Double>) doc.get("outputs");
        assertThat(out.get(0)).isCloseTo(40.5, within(1.0));
        assertThat(out.get(1)).as("clamped to high").isCloseTo(100, within(1.0));
        assertThat(out.get(2)).as("NaN counts as low").isCloseTo(0, within(1.0));
        assertThat(doc).containsEntry("blocks", 20).containsEntry("count", "300");
    }

    @Test
    void aModuleJobOverTooFewPatientsForItsBlocks_isRefusedBeforeItRuns() {
        var r = gate.moduleCohort(module(1, 5), 5, 20);

        assertThat(r.isOk()).isFalse();
        assertThat(r.failure().code()).isEqualTo(ErrorCode.JOB_COHORT_TOO_SMALL);
        assertThat(gate.moduleCohort(module(1, 1), 1, 500).isOk()).isTrue();
    }

    @Test
    void ratesByStratum_followTheExactRatesAtAStrongEpsilon_andSuppressSmallCells() {
        int n = 4_000;
        double[] age = new double[n + 3];
        double[] event = new double[n + 3];
        for (int i = 0; i < n; i++) {
            age[i] = i % 2 == 0 ? 30 : 70;
            event[i] = age[i] > 50 ? (i % 4 == 1 ? 1 : 0) : (i % 8 == 0 ? 1 : 0);
        }
        for (int i = n; i < n + 3; i++) {
            age[i] = 100;
            event[i] = 1;
        }
        JobPlan.Rates plan = new JobPlan.Rates(List.of("age", "condition:x"), STRONG, List.of(50.0, 90.0), 1);

        Map<String, Object> doc = gate.rates(plan, age, event);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> strata = (List<Map<String, Object>>) doc.get("strata");
        assertThat(strata).extracting(s -> s.get("stratum")).containsExactly("<50.0", "[50.0,90.0)", ">=90.0");
        assertThat((Double) strata.get(0).get("rate")).isCloseTo(0.25, within(0.01));
        assertThat((Double) strata.get(1).get("rate")).isCloseTo(0.5, within(0.01));
        assertThat(strata.get(2).get("patients")).isEqualTo("fewer than 11");
        assertThat(strata.get(2).get("rate")).isNull();
    }

    @Test
    void aMean_isReleasedCloseToTheExactMean_withoutThePatientsWhoHaveNoValue() {
        double[] values = new double[1_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 10 == 0 ? Double.NaN : 60 + i % 20;
        }

        Map<String, Object> doc = gate.mean(new JobPlan.Mean(List.of("observation:x"), STRONG, 0, 200, 0.1), values)
                .orElseThrow();

        assertThat((Double) doc.get("mean")).isCloseTo(69.5, within(0.5));
        assertThat(Long.parseLong((String) doc.get("count"))).isBetween(880L, 920L);
    }

    @Test
    void aSurvivalCurve_followsTheExactKaplanMeierAtAStrongEpsilon_withoutPatientsLackingATime() {
        int n = 1_000;
        double[] time = new double[n + 20];
        double[] event = new double[n + 20];
        List<KaplanMeier.Observation> exact = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            time[i] = 100 + i % 10;
            event[i] = i % 3 == 0 ? 0 : 1;
            exact.add(new KaplanMeier.Observation(i % 10, event[i] == 1));
        }
        for (int i = n; i < n + 20; i++) {
            time[i] = i % 2 == 0 ? Double.NaN : 50;
            event[i] = 1;
        }
        JobPlan.Survival plan = new JobPlan.Survival(List.of("observation:t", "condition:e"), STRONG, 100, 1, 10, 1);

        Map<String, Object> doc = gate.survival(plan, time, event).orElseThrow();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> curve = (List<Map<String, Object>>) doc.get("curve");
        List<KaplanMeier.Point> expected = KaplanMeier.exact(exact);
        assertThat(curve).hasSize(10);
        for (int b = 0; b < 10; b++) {
            assertThat((Double) curve.get(b).get("time")).isEqualTo(101.0 + b);
            assertThat((Double) curve.get(b).get("survival")).as("bin " + b)
                    .isCloseTo(expected.get(b).survival(), within(0.02));
        }
        assertThat(Long.parseLong((String) doc.get("patients"))).as("no time or before the origin: left out")
                .isBetween(990L, 1010L);
        assertThat(doc).containsEntry("algorithm", "kaplan-meier");
    }

    @Test
    void aSurvivalCurveWithoutAnEventColumn_countsEveryTimeAsAnEvent_andASmallCohortsCurveIsWithheld() {
        double[] time = new double[500];
        for (int i = 0; i < time.length; i++) {
            time[i] = i % 5;
        }
        JobPlan.Survival plan = new JobPlan.Survival(List.of("observation:t"), STRONG, 0, 1, 5, 1);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> curve = (List<Map<String, Object>>) gate.survival(plan, time, null).orElseThrow()
                .get("curve");
        Map<String, Object> small = gate.survival(plan, new double[]{1, 2, 3, 4}, null).orElseThrow();

        assertThat((Double) curve.get(0).get("survival")).isCloseTo(0.8, within(0.02));
        assertThat((Double) curve.get(4).get("survival")).isCloseTo(0, within(0.01));
        assertThat(small.get("curve")).isNull();
        assertThat(small.get("patients")).isEqualTo("fewer than 11");
    }

    static JobPlan.Logistic logistic(int steps) {
        return new JobPlan.Logistic(List.of("observation:x", "observation:z", "condition:y"), STRONG,
                List.of(0.0, 0.0), List.of(10.0, 10.0), 1, steps, 5, 1e-6);
    }

    @Test
    void logisticCoefficients_areLearnedWithinTheirPrivacyAccounting_andRankTheOutcomeLikeTheData() {
        int n = 2_000;
        double[] x = new double[n];
        double[] z = new double[n];
        double[] y = new double[n];
        List<LogisticModel.Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x[i] = i % 11;
            z[i] = i % 7 == 0 ? Double.NaN : (i * 7) % 10;
            y[i] = (x[i] >= 5) != (i % 13 == 0) ? 1 : 0;
            if (!Double.isNaN(z[i])) {
                rows.add(new LogisticModel.Row(new double[]{x[i], z[i]}, y[i] == 1));
            }
        }
        JobPlan.Logistic plan = logistic(200);

        Map<String, Object> doc = gate.logistic(plan, List.of(x, z), y);

        @SuppressWarnings("unchecked")
        Map<String, Double> coefficients = (Map<String, Double>) doc.get("coefficients");
        double intercept = (Double) doc.get("intercept");
        double sigma = (Double) doc.get("noiseMultiplier");
        LogisticModel model = new LogisticModel(intercept, new double[]{coefficients.get("observation:x"),
                coefficients.get("observation:z")});
        assertThat(coefficients.get("observation:x")).isGreaterThan(0.2);
        assertThat(intercept).isNegative();
        assertThat(model.auc(rows)).isGreaterThan(0.85);
        assertThat(Long.parseLong((String) doc.get("count"))).as("rows without z left out").isBetween(1700L, 1730L);
        assertThat(GaussianAccountant.epsilon(200, sigma, 1e-6)).as("ε/2 of the job spent on the steps")
                .isLessThanOrEqualTo(5.0).isGreaterThan(4.99);
        assertThat(doc).containsEntry("delta", 1e-6).containsEntry("steps", 200);
    }

    @Test
    void aLogisticModelOverFewerThan11Rows_isNotTrainedOrShown() {
        Map<String, Object> doc = gate.logistic(logistic(10), List.of(new double[]{1, 2, 3}, new double[]{1, 2, 3}),
                new double[]{0, 1, 1});

        assertThat(doc.get("count")).isEqualTo("fewer than 11");
        assertThat(doc.get("coefficients")).isNull();
        assertThat(doc.get("intercept")).isNull();
    }

    @Test
    void quantiles_followTheExactOnesAtAStrongEpsilon_withoutPatientsLackingAValue_andAreWithheldForFewPatients() {
        double[] values = new double[2_200];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < 2_000 ? (i % 1_000) / 10.0 : Double.NaN;
        }
        JobPlan.Quantiles plan = new JobPlan.Quantiles(List.of("observation:x"), STRONG, 0, 100, 100, List.of(0.1,
                0.5, 0.9));

        Map<String, Object> doc = gate.quantiles(plan, values).orElseThrow();
        Map<String, Object> small = gate.quantiles(plan, new double[]{1, 2, 3}).orElseThrow();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> q = (List<Map<String, Object>>) doc.get("quantiles");
        assertThat(q).extracting(m -> m.get("p")).containsExactly(0.1, 0.5, 0.9);
        assertThat((Double) q.get(0).get("value")).isCloseTo(10, within(1.0));
        assertThat((Double) q.get(1).get("value")).isCloseTo(50, within(1.0));
        assertThat((Double) q.get(2).get("value")).isCloseTo(90, within(1.0));
        assertThat(Long.parseLong((String) doc.get("count"))).isBetween(1980L, 2020L);
        assertThat(small.get("quantiles")).isNull();
        assertThat(small.get("count")).isEqualTo("fewer than 11");
    }
}
