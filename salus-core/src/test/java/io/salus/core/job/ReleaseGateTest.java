package io.salus.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
    final ReleaseGate gate = new ReleaseGate(new CountRelease(random), new NoisySum(random));

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
}
