package io.salus.core.job;

import io.salus.core.compute.BoundedMean;
import io.salus.core.compute.HistogramQuantiles;
import io.salus.core.compute.KaplanMeier;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.privacy.Epsilon;
import io.salus.core.record.Category;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A job's spec checked against its deal's categories and the node's limits, ready to run: which algorithm, on which
 * granted columns, with which parameters. Built at approval (a spec that does not parse is rejected) and again by the
 * worker, so a job that was approved runs exactly as approved.
 */
public sealed interface JobPlan {
    /** Most columns, declared outputs and strata a job may have. */
    int MAX_COLUMNS = 16;

    List<String> columns();

    Epsilon epsilon();

    /** {@code mean}: one column's values clamped to [low, high] on a grid of step ({@link BoundedMean}). */
    record Mean(List<String> columns, Epsilon epsilon, double low, double high, double step) implements JobPlan {
    }

    /**
     * {@code quantiles}: one column's values clamped to [low, high] in {@code bins} equal bins
     * ({@link HistogramQuantiles}), the quantiles at the probabilities {@code p} (ascending, in (0, 1)).
     */
    record Quantiles(List<String> columns, Epsilon epsilon, double low, double high, int bins,
            List<Double> p) implements JobPlan {
        public Quantiles {
            columns = List.copyOf(columns);
            p = List.copyOf(p);
        }
    }

    /**
     * {@code rates}: patients stratified by the first column at the cut points (strata {@code < c1},
     * {@code [c1, c2)}, ..., {@code >= ck}), an event when the second column is at least {@code eventAtLeast}.
     */
    record Rates(List<String> columns, Epsilon epsilon, List<Double> cuts, double eventAtLeast) implements JobPlan {
    }

    /**
     * {@code kaplan-meier}: follow-up time from the first column, measured from {@code origin}, in {@code bins} bins
     * of {@code width} ({@link KaplanMeier}); an event when the second column, if any, is at least
     * {@code eventAtLeast} (else censored), every patient with a time an event when there is no second column.
     */
    record Survival(List<String> columns, Epsilon epsilon, double origin, double width, int bins,
            double eventAtLeast) implements JobPlan {
    }

    /**
     * {@code logistic}: the last column is the outcome (1 when at least {@code outcomeAtLeast}), the others the
     * features, each clamped to [lows[i], highs[i]] and scaled to [0, 1]; {@code steps} steps of DP gradient descent
     * of {@code learningRate} with per-row clipping to {@link #CLIP}, (ε/2, δ) by the Gaussian accountant.
     */
    record Logistic(List<String> columns, Epsilon epsilon, List<Double> lows, List<Double> highs,
            double outcomeAtLeast, int steps, double learningRate, double delta) implements JobPlan {
        /** The L2 bound on one row's gradient, the sensitivity of each step's gradient sum. */
        public static final double CLIP = 1;
        public static final int MAX_STEPS = 1_000;
        /** The largest δ a job may ask for; the default is {@code 1e-6}. */
        public static final double MAX_DELTA = 1e-4;

        public Logistic {
            columns = List.copyOf(columns);
            lows = List.copyOf(lows);
            highs = List.copyOf(highs);
        }

        public List<String> features() {
            return columns.subList(0, columns.size() - 1);
        }
    }

    /**
     * {@code wasm}: the module, run once per disjoint block of at least 11 patients (sample and aggregate), each run
     * to emit exactly {@code outputs} values, each clamped to [low, high], averaged over the blocks and released with
     * noise; {@code blocks} runs (1 by default), {@code deadline} per run.
     */
    record Module(List<String> columns, Epsilon epsilon, byte[] module, int outputs, double low, double high,
            int blocks, Duration deadline) implements JobPlan {
        public Module {
            module = module.clone();
        }

        @Override
        public byte[] module() {
            return module.clone();
        }
    }

    /** The plan of a spec on a deal granting {@code categories}; the failure is the reason to reject it. */
    static Result<JobPlan> of(JobSpec spec, List<Category> categories, JobLimits limits) {
        if (!JobSpec.ALGORITHMS.contains(spec.algorithm())) {
            return Result.fail(ErrorCode.JOB_UNKNOWN_ALGORITHM, "'" + spec.algorithm() + "' is not one of "
                    + JobSpec.ALGORITHMS);
        }
        if (spec.columns().isEmpty() || spec.columns().size() > MAX_COLUMNS
                || spec.columns().stream().distinct().count() != spec.columns().size()) {
            return invalid("a job reads 1 to " + MAX_COLUMNS + " distinct columns");
        }
        for (String c : spec.columns()) {
            Result<String> granted = Columns.granted(c, categories);
            if (!granted.isOk()) {
                return granted.propagate();
            }
        }
        return Epsilon.parse(spec.epsilon()).flatMap(eps -> switch (spec.algorithm()) {
            case JobSpec.MEAN -> mean(spec, eps);
            case JobSpec.RATES -> rates(spec, eps);
            case JobSpec.QUANTILES -> quantiles(spec, eps);
            case JobSpec.KAPLAN_MEIER -> survival(spec, eps);
            case JobSpec.LOGISTIC -> logistic(spec, eps);
            default -> module(spec, eps, limits);
        });
    }

    private static Result<JobPlan> mean(JobSpec spec, Epsilon eps) {
        Optional<Double> low = JobParameters.number(spec, "low");
        Optional<Double> high = JobParameters.number(spec, "high");
        Optional<Double> step = JobParameters.number(spec, "step");
        if (spec.columns().size() != 1 || low.isEmpty() || high.isEmpty() || step.isEmpty() || !(low.get() < high
                .get()) || !(step.get() > 0) || (high.get() - low.get()) / step.get() > BoundedMean.MAX_STEPS) {
            return invalid("mean reads one column and needs numbers low < high and step > 0 with at most "
                    + BoundedMean.MAX_STEPS + " steps between them");
        }
        return Result.ok(new Mean(spec.columns(), eps, low.get(), high.get(), step.get()));
    }

    private static Result<JobPlan> quantiles(JobSpec spec, Epsilon eps) {
        Optional<Double> low = JobParameters.number(spec, "low");
        Optional<Double> high = JobParameters.number(spec, "high");
        double bins = JobParameters.number(spec, "bins").orElse(100.0);
        List<Double> p = JobParameters.numbers(spec, "p").orElse(List.of(0.25, 0.5, 0.75));
        if (spec.columns().size() != 1 || low.isEmpty() || high.isEmpty() || !(low.get() < high.get()) || bins < 1
                || bins > HistogramQuantiles.MAX_BINS || bins % 1 != 0 || p.isEmpty() || p.size() >= MAX_COLUMNS
                || !ascending(p) || !(p.getFirst() > 0) || !(p.getLast() < 1)) {
            return invalid("quantiles reads one column and needs numbers low < high, optionally 'bins' (a whole "
                    + "number from 1 to " + HistogramQuantiles.MAX_BINS + ", 100 by default) and 'p' (1 to "
                    + (MAX_COLUMNS - 1) + " ascending probabilities in (0, 1), 0.25,0.5,0.75 by default)");
        }
        return Result.ok(new Quantiles(spec.columns(), eps, low.get(), high.get(), (int) bins, p));
    }

    private static Result<JobPlan> rates(JobSpec spec, Epsilon eps) {
        Optional<List<Double>> cuts = JobParameters.numbers(spec, "cuts");
        double event = JobParameters.number(spec, "eventAtLeast").orElse(1.0);
        if (spec.columns().size() != 2 || cuts.isEmpty() || cuts.get().isEmpty()
                || cuts.get().size() >= MAX_COLUMNS || !ascending(cuts.get()) || !Double.isFinite(event)) {
            return invalid("rates reads two columns (stratum, event) and needs 'cuts': 1 to " + (MAX_COLUMNS - 1)
                    + " ascending numbers, and optionally a finite 'eventAtLeast'");
        }
        return Result.ok(new Rates(spec.columns(), eps, cuts.get(), event));
    }

    private static Result<JobPlan> survival(JobSpec spec, Epsilon eps) {
        double origin = JobParameters.number(spec, "origin").orElse(0.0);
        Optional<Double> width = JobParameters.number(spec, "width");
        Optional<Double> bins = JobParameters.number(spec, "bins");
        double event = JobParameters.number(spec, "eventAtLeast").orElse(1.0);
        if (spec.columns().size() > 2 || width.isEmpty() || !(width.get() > 0) || bins.isEmpty() || bins.get() < 1
                || bins.get() > KaplanMeier.MAX_BINS || bins.get() % 1 != 0) {
            return invalid("kaplan-meier reads a time column and optionally an event column, and needs 'width' > 0 "
                    + "and 'bins' (a whole number from 1 to " + KaplanMeier.MAX_BINS + "), optionally 'origin' and "
                    + "'eventAtLeast'");
        }
        return Result.ok(new Survival(spec.columns(), eps, origin, width.get(), bins.get().intValue(), event));
    }

    private static Result<JobPlan> logistic(JobSpec spec, Epsilon eps) {
        int features = spec.columns().size() - 1;
        List<Double> lows = JobParameters.numbers(spec, "low").orElse(List.of());
        List<Double> highs = JobParameters.numbers(spec, "high").orElse(List.of());
        double outcome = JobParameters.number(spec, "outcomeAtLeast").orElse(1.0);
        double steps = JobParameters.number(spec, "steps").orElse(20.0);
        double rate = JobParameters.number(spec, "learningRate").orElse(1.0);
        double delta = JobParameters.number(spec, "delta").orElse(1e-6);
        boolean ranges = lows.size() == features && highs.size() == features;
        for (int i = 0; ranges && i < features; i++) {
            ranges = lows.get(i) < highs.get(i);
        }
        if (!ranges || steps < 1 || steps > Logistic.MAX_STEPS || steps % 1 != 0 || !(rate > 0) || rate > 100
                || !(delta > 0) || delta > Logistic.MAX_DELTA) {
            return invalid("logistic reads its features and then its outcome column, and needs 'low' and 'high' "
                    + "(one number per feature, low < high), optionally 'outcomeAtLeast', 'steps' (1 to "
                    + Logistic.MAX_STEPS + "), 'learningRate' (0 to 100] and 'delta' (0 to " + Logistic.MAX_DELTA
                    + "]");
        }
        return Result.ok(new Logistic(spec.columns(), eps, lows, highs, outcome, (int) steps, rate, delta));
    }

    private static Result<JobPlan> module(JobSpec spec, Epsilon eps, JobLimits limits) {
        Optional<Double> outputs = JobParameters.number(spec, "outputs");
        Optional<Double> low = JobParameters.number(spec, "low");
        Optional<Double> high = JobParameters.number(spec, "high");
        double blocks = JobParameters.number(spec, "blocks").orElse(1.0);
        long ms = JobParameters.number(spec, "deadlineMs").map(Double::longValue)
                .orElse(limits.maxDeadline().toMillis());
        if (spec.module().isEmpty() || spec.module().get().length > limits.maxModuleBytes()) {
            return invalid("wasm needs a module of at most " + limits.maxModuleBytes() + " bytes");
        }
        if (outputs.isEmpty() || outputs.get() < 1 || outputs.get() > MAX_COLUMNS || outputs.get() % 1 != 0
                || low.isEmpty() || high.isEmpty() || !(low.get() < high.get()) || ms < 1
                || ms > limits.maxDeadline().toMillis() || blocks < 1 || blocks > limits.maxBlocks()
                || blocks % 1 != 0) {
            return invalid("wasm needs 'outputs' (1 to " + MAX_COLUMNS + "), numbers low < high, 'blocks' from 1 to "
                    + limits.maxBlocks() + " and at most " + limits.maxDeadline().toMillis() + " as 'deadlineMs'");
        }
        return Result.ok(new Module(spec.columns(), eps, spec.module().get(), outputs.get().intValue(), low.get(),
                high.get(), (int) blocks, Duration.ofMillis(ms)));
    }

    private static boolean ascending(List<Double> cuts) {
        List<Double> sorted = new ArrayList<>(cuts);
        sorted.sort(null);
        return sorted.equals(cuts) && cuts.stream().distinct().count() == cuts.size();
    }

    private static Result<JobPlan> invalid(String detail) {
        return Result.fail(ErrorCode.COMPUTE_INVALID_PARAMETERS, detail);
    }
}
