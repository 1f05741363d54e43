package io.salus.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.compute.DpGradientDescent;
import io.salus.core.compute.NoisySum;
import io.salus.core.error.ErrorCode;
import io.salus.core.privacy.CountRelease;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.NoisyCount;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ReleaseGateProperties {

    @Provide
    Arbitrary<List<List<Double>>> runs() {
        Arbitrary<Double> value = Arbitraries.oneOf(Arbitraries.doubles().between(-1e12, 1e12),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        return value.list().ofMinSize(0).ofMaxSize(6).list().ofMinSize(1).ofMaxSize(12);
    }

    static ReleaseGate gate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new ReleaseGate(new CountRelease(random), new NoisySum(random), new DpGradientDescent(random));
    }

    @Property(tries = 200)
    void aReleasedModuleOutput_alwaysHasTheDeclaredSize_andStaysInItsRange_orNothingIsReleased(
            @ForAll("runs") List<List<Double>> runs, @ForAll @IntRange(min = 1, max = 6) int outputs,
            @ForAll long seed) {
        JobPlan.Module plan = new JobPlan.Module(List.of("c"), Epsilon.parse("0.1").orElseThrow(), new byte[]{0},
                outputs, -5, 5, runs.size(), Duration.ofSeconds(1));

        var released = gate(seed).module(plan, new NoisyCount.Released(1_000), runs);

        if (runs.stream().allMatch(r -> r.size() == outputs)) {
            @SuppressWarnings("unchecked")
            List<Double> out = (List<Double>) released.orElseThrow().get("outputs");
            assertThat(out).hasSize(outputs).allSatisfy(v -> assertThat(v).isBetween(-5.0, 5.0));
        } else {
            assertThat(released.isOk()).isFalse();
            assertThat(released.failure().code()).isEqualTo(ErrorCode.JOB_ROWS_REFUSED);
        }
    }

    @Property(tries = 100)
    void aReleasedMean_staysInItsRange_andIsAbsentWhenTheCountIsSuppressed(
            @ForAll @IntRange(min = 0, max = 60) int patients, @ForAll long seed) {
        double[] values = new double[patients];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < patients; i++) {
            values[i] = r.nextDouble(-100, 300);
        }
        JobPlan.Mean plan = new JobPlan.Mean(List.of("c"), Epsilon.parse("1").orElseThrow(), 0, 200, 0.5);

        Map<String, Object> doc = gate(seed).mean(plan, values).orElseThrow();

        if ("fewer than 11".equals(doc.get("count"))) {
            assertThat(doc.get("mean")).isNull();
        } else {
            assertThat((Double) doc.get("mean")).isBetween(0.0, 200.0);
        }
    }

    @Provide
    Arbitrary<double[]> column() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-1e6, 1e6), Arbitraries.of(Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)).array(double[].class).ofMaxSize(80);
    }

    @Property(tries = 200)
    void releasedQuantiles_stayInTheirRange_neverDecrease_andAreAbsentWhenTheCountIsSuppressed(
            @ForAll("column") double[] values, @ForAll @IntRange(min = 1, max = 50) int bins, @ForAll long seed) {
        JobPlan.Quantiles plan = new JobPlan.Quantiles(List.of("c"), Epsilon.parse("0.5").orElseThrow(), -10, 10,
                bins, List.of(0.05, 0.5, 0.95));

        Map<String, Object> doc = gate(seed).quantiles(plan, values).orElseThrow();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> q = (List<Map<String, Object>>) doc.get("quantiles");
        if ("fewer than 11".equals(doc.get("count"))) {
            assertThat(q).isNull();
            return;
        }
        List<Double> v = q.stream().map(m -> (Double) m.get("value")).toList();
        assertThat(v).hasSize(3).allSatisfy(x -> assertThat(x).isBetween(-10.0, 10.0)).isSorted();
    }

    @Property(tries = 50)
    void releasedLogisticCoefficients_areFinite_whateverTheValues_orAbsentWhenTheCountIsSuppressed(
            @ForAll("column") double[] x, @ForAll long seed) {
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (i * 31 + seed) % 3 == 0 ? 1 : 0;
        }
        JobPlan.Logistic plan = new JobPlan.Logistic(List.of("x", "y"), Epsilon.parse("1").orElseThrow(), List.of(
                -100.0), List.of(100.0), 1, 5, 1, 1e-6);

        Map<String, Object> doc = gate(seed).logistic(plan, List.of(x), y);

        if ("fewer than 11".equals(doc.get("count"))) {
            assertThat(doc.get("coefficients")).isNull();
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Double> c = (Map<String, Double>) doc.get("coefficients");
        assertThat(c.get("x")).isFinite();
        assertThat((Double) doc.get("intercept")).isFinite();
        assertThat(ResultDocument.json(doc)).isNotEmpty();
    }
}
