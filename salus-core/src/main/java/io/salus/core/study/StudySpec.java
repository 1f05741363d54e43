package io.salus.core.study;

import io.salus.core.compute.GaussianAccountant;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.job.Columns;
import io.salus.core.privacy.Epsilon;
import io.salus.core.record.Category;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a federated study trains: logistic regression of the {@code outcome} column (true when at least
 * {@code outcomeAtLeast}) on the {@code features} columns (the jobs' column language, {@link Columns}: an observation
 * code, a condition code or age, read from the records the deal's categories grant; each clamped to its [low, high] and
 * scaled to [0, 1]), for {@code rounds} rounds of federated DP gradient descent at {@code learningRate}, each member
 * spending at most ({@code epsilon}, {@code delta}) on its own patients over the whole study. Immutable.
 */
public record StudySpec(List<String> features, String outcome, List<Double> lows, List<Double> highs,
        double outcomeAtLeast, int rounds, Epsilon epsilon, double delta, double learningRate) {
    public static final int MAX_FEATURES = 15;
    public static final int MAX_ROUNDS = 200;
    /** The clipping norm of each patient's gradient. */
    public static final double CLIP = 1;

    public StudySpec {
        features = List.copyOf(features);
        lows = List.copyOf(lows);
        highs = List.copyOf(highs);
    }

    /** The spec, checked against the categories the deal grants. */
    public static Result<StudySpec> of(List<String> features, String outcome, List<Double> lows, List<Double> highs,
            double outcomeAtLeast, int rounds, String epsilon, double delta, double learningRate,
            List<Category> categories) {
        if (features.size() > MAX_FEATURES || outcome == null || lows.size() != features.size()
                || highs.size() != features.size()) {
            return invalid("0-" + MAX_FEATURES + " features, each with a low and a high, and an outcome");
        }
        for (int i = 0; i < features.size(); i++) {
            if (!(lows.get(i) < highs.get(i)) || !Double.isFinite(highs.get(i) - lows.get(i))) {
                return invalid("feature " + features.get(i) + " needs low < high");
            }
        }
        if (rounds < 1 || rounds > MAX_ROUNDS || !(learningRate > 0 && learningRate <= 100)
                || !(delta > 0 && delta <= 1e-4) || !Double.isFinite(outcomeAtLeast)) {
            return invalid("1-" + MAX_ROUNDS + " rounds, a learning rate in (0, 100], delta in (0, 1e-4]");
        }
        for (String c : features) {
            Result<String> ok = Columns.granted(c, categories);
            if (!ok.isOk()) {
                return ok.propagate();
            }
        }
        return Columns.granted(outcome, categories).flatMap(o -> Epsilon.parse(epsilon).map(eps -> new StudySpec(
                features, outcome, lows, highs, outcomeAtLeast, rounds, eps, delta, learningRate)));
    }

    /** Every column a member reads: the features, then the outcome. */
    public List<String> columns() {
        return Stream.concat(features.stream(), Stream.of(outcome)).toList();
    }

    /**
     * The noise multiplier of each round's release: the smallest for which {@code rounds} Gaussian releases stay
     * within ({@code epsilon}, {@code delta}).
     */
    public double sigma() {
        return GaussianAccountant.sigmaFor(rounds, epsilon.value().doubleValue(), delta);
    }

    /** What a member has spent after {@code rounds} rounds, by the accountant (at most {@code epsilon}). */
    public double epsilonAfter(int roundsDone) {
        return GaussianAccountant.epsilon(roundsDone, sigma(), delta);
    }

    private static Result<StudySpec> invalid(String why) {
        return Result.fail(ErrorCode.STUDY_INVALID_SPEC, why);
    }
}
