package io.salus.core.job;

import io.salus.core.compute.DpGradientDescent;
import io.salus.core.compute.GaussianAccountant;
import io.salus.core.compute.LogisticModel;
import io.salus.core.privacy.CountRelease;
import io.salus.core.privacy.NoisyCount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code logistic} built-in's release. Rows are the patients with every feature and the outcome; each feature is
 * clamped to its [low, high] and scaled to [0, 1]. Half of ε releases the row count (sensitivity 1, suppressed below
 * 11: then no model is trained or shown); the other half, with the job's δ, buys the noise multiplier σ for which
 * {@code steps} Gaussian releases of the clipped gradient sum (sensitivity {@link JobPlan.Logistic#CLIP}) stay within
 * (ε/2, δ) by {@link GaussianAccountant}. Each step divides the noisy sum by the released count, not the true one.
 * The coefficients are given back in the features' own units. In all (ε, δ)-DP by basic composition.
 */
final class PrivateLogistic {
    private final CountRelease counts;
    private final DpGradientDescent descent;

    PrivateLogistic(CountRelease counts, DpGradientDescent descent) {
        this.counts = counts;
        this.descent = descent;
    }

    void release(JobPlan.Logistic plan, List<double[]> features, double[] outcome, Map<String, Object> doc) {
        List<LogisticModel.Row> rows = rows(plan, features, outcome);
        NoisyCount n = counts.release(rows.size(), plan.epsilon().over(2));
        double half = plan.epsilon().over(2).value().doubleValue();
        double sigma = GaussianAccountant.sigmaFor(plan.steps(), half, plan.delta());
        doc.put("count", n.display());
        doc.put("delta", plan.delta());
        doc.put("steps", plan.steps());
        doc.put("noiseMultiplier", sigma);
        if (!(n instanceof NoisyCount.Released released)) {
            doc.put("intercept", null);
            doc.put("coefficients", null);
            return;
        }
        var p = new DpGradientDescent.Parameters(plan.steps(), plan.learningRate(), JobPlan.Logistic.CLIP, sigma);
        double[] theta = new double[features.size() + 1];
        for (int s = 0; s < plan.steps(); s++) {
            double[] g = descent.noisyGradientSum(LogisticModel.of(theta), rows, p);
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= plan.learningRate() * g[i] / released.value();
            }
        }
        double intercept = theta[0];
        Map<String, Object> coefficients = new LinkedHashMap<>();
        for (int i = 0; i < features.size(); i++) {
            double range = plan.highs().get(i) - plan.lows().get(i);
            coefficients.put(plan.features().get(i), theta[i + 1] / range);
            intercept -= theta[i + 1] * plan.lows().get(i) / range;
        }
        doc.put("intercept", intercept);
        doc.put("coefficients", coefficients);
    }

    private static List<LogisticModel.Row> rows(JobPlan.Logistic plan, List<double[]> features, double[] outcome) {
        List<LogisticModel.Row> rows = new ArrayList<>();
        for (int r = 0; r < outcome.length; r++) {
            double[] x = new double[features.size()];
            boolean complete = !Double.isNaN(outcome[r]);
            for (int i = 0; i < x.length && complete; i++) {
                double v = features.get(i)[r];
                complete = !Double.isNaN(v);
                double lo = plan.lows().get(i);
                double hi = plan.highs().get(i);
                x[i] = (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo);
            }
            if (complete) {
                rows.add(new LogisticModel.Row(x, outcome[r] >= plan.outcomeAtLeast()));
            }
        }
        return rows;
    }
}
