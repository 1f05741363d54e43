package io.salus.core.study;

import io.salus.core.compute.DpGradientDescent;
import io.salus.core.compute.LogisticModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A member's release in one round (DP-SGD, full batch): its patients' gradients at the round's model, each clipped to
 * L2 norm {@link StudySpec#CLIP}, summed, with the number of patients appended as a last coordinate. One patient changes
 * that vector by at most √(clip² + 1) = √2 in L2 norm, so Gaussian noise of standard deviation σ·√2 on every coordinate
 * is the Gaussian mechanism with noise multiplier σ ({@link StudySpec#sigma}); {@code rounds} such releases are
 * (ε, δ)-DP by the accountant. The aggregator divides the summed gradients by the summed noisy count, so no member's
 * size is released except through that noise. Stateless.
 */
public final class LocalUpdate {
    private LocalUpdate() {
    }

    /** The member's rows: patients with every feature and the outcome, features clamped and scaled to [0, 1]. */
    public static List<LogisticModel.Row> rows(StudySpec spec, Map<String, double[]> columns) {
        double[] outcome = columns.get(spec.outcome());
        List<LogisticModel.Row> rows = new ArrayList<>();
        for (int r = 0; r < outcome.length; r++) {
            double[] x = new double[spec.features().size()];
            boolean complete = !Double.isNaN(outcome[r]);
            for (int i = 0; i < x.length && complete; i++) {
                double v = columns.get(spec.features().get(i))[r];
                complete = !Double.isNaN(v);
                double lo = spec.lows().get(i);
                double hi = spec.highs().get(i);
                x[i] = (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo);
            }
            if (complete) {
                rows.add(new LogisticModel.Row(x, outcome[r] >= spec.outcomeAtLeast()));
            }
        }
        return rows;
    }

    /** The noisy vector (clipped gradient sum, count) at {@code model}. */
    public static double[] release(LogisticModel model, List<LogisticModel.Row> rows, double sigma,
            RandomGenerator random) {
        double noise = sigma * Math.sqrt(2);
        double[] g = new DpGradientDescent(random).noisyGradientSum(model, rows,
                new DpGradientDescent.Parameters(1, 1, StudySpec.CLIP, noise / StudySpec.CLIP));
        double[] out = new double[g.length + 1];
        System.arraycopy(g, 0, out, 0, g.length);
        out[g.length] = rows.size() + random.nextGaussian() * noise;
        return out;
    }

    /** The next model: one gradient step with the summed gradients over the summed noisy count (at least 1). */
    public static LogisticModel step(LogisticModel model, double[] sum, double learningRate) {
        double[] theta = model.parameters();
        double n = Math.max(1, sum[theta.length]);
        for (int i = 0; i < theta.length; i++) {
            theta[i] -= learningRate * sum[i] / n;
        }
        return LogisticModel.of(theta);
    }
}
