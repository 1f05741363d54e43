package io.salus.core.job;

import io.salus.core.compute.BoundedMean;
import io.salus.core.compute.DpGradientDescent;
import io.salus.core.compute.HistogramQuantiles;
import io.salus.core.compute.KaplanMeier;
import io.salus.core.compute.NoisySum;
import io.salus.core.compute.StratifiedRates;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.privacy.CountRelease;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.NoisyCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only way a job's output leaves: aggregates with differential-privacy noise calibrated to each algorithm's
 * sensitivity, small cells suppressed. {@code mean}, {@code quantiles}, {@code rates} and {@code kaplan-meier}
 * release through {@link BoundedMean}, {@link HistogramQuantiles}, {@link StratifiedRates} and {@link KaplanMeier}
 * (ε in all); {@code logistic} through
 * {@link PrivateLogistic} ((ε, δ)). A module's runs are released by sample and aggregate: half of ε releases the
 * cohort's size (suppressed below 11 per block, which refuses the job), the module runs once per disjoint block, each
 * run must emit exactly its declared number of values (more is a module returning rows: refused), each value is
 * clamped to [low, high] on a grid of {@link #GRID} steps, and the other half of ε, split over the outputs, releases
 * each output's sum over the blocks (one patient is in one block, so changes one run: sensitivity one range); the
 * released value is that sum's mean. Which ε was spent is the caller's to charge before. Thread-safe when the
 * randomness is.
 */
public final class ReleaseGate {
    /** Grid steps between a module output's low and high. */
    public static final long GRID = 10_000;
    private final CountRelease counts;
    private final NoisySum sums;
    private final PrivateLogistic logistic;

    public ReleaseGate(CountRelease counts, NoisySum sums, DpGradientDescent descent) {
        this.counts = counts;
        this.sums = sums;
        this.logistic = new PrivateLogistic(counts, descent);
    }

    public Result<Map<String, Object>> mean(JobPlan.Mean plan, double[] column) {
        List<Double> values = new ArrayList<>();
        for (double v : column) {
            if (!Double.isNaN(v)) {
                values.add(v);
            }
        }
        return new BoundedMean(counts, sums).release(values, plan.low(), plan.high(), plan.step(), plan.epsilon())
                .map(m -> {
                    Map<String, Object> doc = document(plan, "mean");
                    doc.put("count", m.count().display());
                    doc.put("mean", m.mean().orElse(null));
                    return doc;
                });
    }

    /** Quantiles from a noisy histogram ({@link HistogramQuantiles}, ε); patients without a value left out. */
    public Result<Map<String, Object>> quantiles(JobPlan.Quantiles plan, double[] column) {
        List<Double> values = new ArrayList<>();
        for (double v : column) {
            if (!Double.isNaN(v)) {
                values.add(v);
            }
        }
        return new HistogramQuantiles(sums).release(values, plan.low(), plan.high(), plan.bins(), plan.p(), plan
                .epsilon()).map(q -> {
                    List<Map<String, Object>> points = new ArrayList<>();
                    for (int i = 0; i < q.values().size(); i++) {
                        Map<String, Object> point = new LinkedHashMap<>();
                        point.put("p", plan.p().get(i));
                        point.put("value", q.values().get(i));
                        points.add(point);
                    }
                    Map<String, Object> doc = document(plan, JobSpec.QUANTILES);
                    doc.put("count", q.patients().display());
                    doc.put("quantiles", q.values().isEmpty() ? null : points);
                    return doc;
                });
    }

    public Map<String, Object> rates(JobPlan.Rates plan, double[] stratum, double[] event) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= plan.cuts().size(); i++) {
            names.add(stratumName(plan.cuts(), i));
        }
        Map<String, long[]> cells = new HashMap<>();
        for (int r = 0; r < stratum.length; r++) {
            if (Double.isNaN(stratum[r])) {
                continue;
            }
            int s = 0;
            while (s < plan.cuts().size() && stratum[r] >= plan.cuts().get(s)) {
                s++;
            }
            long[] cell = cells.computeIfAbsent(names.get(s), k -> new long[2]);
            cell[0]++;
            cell[1] += event[r] >= plan.eventAtLeast() ? 1 : 0;
        }
        Map<String, StratifiedRates.Cell> exact = new HashMap<>();
        cells.forEach((k, c) -> exact.put(k, new StratifiedRates.Cell(c[0], c[1])));
        Map<String, StratifiedRates.Rate> byName = new HashMap<>();
        new StratifiedRates(counts).release(names, exact, plan.epsilon()).forEach(r -> byName.put(r.stratum(), r));
        List<Map<String, Object>> released = new ArrayList<>();
        for (String name : names) {
            StratifiedRates.Rate r = byName.get(name);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stratum", r.stratum());
            row.put("patients", r.patients().display());
            row.put("events", r.events().display());
            row.put("rate", r.rate().orElse(null));
            released.add(row);
        }
        Map<String, Object> doc = document(plan, "rates");
        doc.put("strata", released);
        return doc;
    }

    /**
     * A survival curve ({@link KaplanMeier}, ε): patients without a time, or with one before the origin, are left
     * out; {@code event} is null when every patient with a time had the event. Withheld below 11 patients.
     */
    public Result<Map<String, Object>> survival(JobPlan.Survival plan, double[] time, double[] event) {
        List<KaplanMeier.Observation> observations = new ArrayList<>();
        for (int r = 0; r < time.length; r++) {
            if (!Double.isNaN(time[r]) && time[r] >= plan.origin()) {
                observations.add(new KaplanMeier.Observation(time[r] - plan.origin(), event == null
                        || event[r] >= plan.eventAtLeast()));
            }
        }
        return new KaplanMeier(sums).release(observations, plan.width(), plan.bins(), plan.epsilon()).map(c -> {
            List<Map<String, Object>> points = new ArrayList<>();
            for (KaplanMeier.Point p : c.points()) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("time", plan.origin() + p.time());
                point.put("survival", p.survival());
                points.add(point);
            }
            Map<String, Object> doc = document(plan, JobSpec.KAPLAN_MEIER);
            doc.put("patients", c.patients().display());
            doc.put("curve", c.points().isEmpty() ? null : points);
            return doc;
        });
    }

    /** Logistic regression coefficients by DP gradient descent ({@link PrivateLogistic}, (ε, δ)). */
    public Map<String, Object> logistic(JobPlan.Logistic plan, List<double[]> features, double[] outcome) {
        Map<String, Object> doc = document(plan, JobSpec.LOGISTIC);
        logistic.release(plan, features, outcome, doc);
        return doc;
    }

    /** The released cohort size for a module job (half its ε); {@code JOB_COHORT_TOO_SMALL} below 11 per block. */
    public Result<NoisyCount.Released> moduleCohort(JobPlan.Module plan, int blocks, long rows) {
        NoisyCount n = counts.release(rows, plan.epsilon().over(2));
        if (n instanceof NoisyCount.Released r && r.value() >= CountRelease.THRESHOLD * blocks) {
            return Result.ok(r);
        }
        return Result.fail(ErrorCode.JOB_COHORT_TOO_SMALL, "the released cohort size (" + n.display() + ") is "
                + "below " + CountRelease.THRESHOLD + " patients for each of " + blocks + " blocks: nothing released");
    }

    /** The module's outputs over the blocks, released with the other half of its ε. */
    public Result<Map<String, Object>> module(JobPlan.Module plan, NoisyCount.Released cohort,
            List<List<Double>> runs) {
        long[] sum = new long[plan.outputs()];
        for (List<Double> run : runs) {
            if (run.size() != plan.outputs()) {
                return Result.fail(ErrorCode.JOB_ROWS_REFUSED, "a run emitted " + run.size() + " values where the "
                        + "job declared " + plan.outputs() + " aggregates: its output is refused, nothing released");
            }
            for (int i = 0; i < sum.length; i++) {
                double v = run.get(i);
                double clamped = Double.isNaN(v) ? plan.low() : Math.min(plan.high(), Math.max(plan.low(), v));
                sum[i] += Math.round((clamped - plan.low()) / (plan.high() - plan.low()) * GRID);
            }
        }
        Epsilon each = plan.epsilon().over(2).over(plan.outputs());
        List<Double> released = new ArrayList<>();
        for (long s : sum) {
            double mean = (double) sums.release(s, GRID, each) / GRID / runs.size();
            released.add(plan.low() + (plan.high() - plan.low()) * Math.min(1, Math.max(0, mean)));
        }
        Map<String, Object> doc = document(plan, "wasm");
        doc.put("count", cohort.display());
        doc.put("blocks", runs.size());
        doc.put("outputs", released);
        return Result.ok(doc);
    }

    private static Map<String, Object> document(JobPlan plan, String algorithm) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("algorithm", algorithm);
        doc.put("columns", plan.columns());
        doc.put("epsilon", plan.epsilon().value().toPlainString());
        return doc;
    }

    private static String stratumName(List<Double> cuts, int i) {
        if (i == 0) {
            return "<" + cuts.get(0);
        }
        return i == cuts.size() ? ">=" + cuts.get(i - 1) : "[" + cuts.get(i - 1) + "," + cuts.get(i) + ")";
    }
}
