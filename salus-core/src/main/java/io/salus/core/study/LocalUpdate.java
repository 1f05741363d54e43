package io.salus.core.study;

import io.salus.core.compute.DpGradientDescent;
import io.salus.core.compute.LogisticModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A member's release in one round (DP-SGD, full batch): its patients' gradients at the round's model, each clipped to
 * L2 norm {@link StudySpec#CLIP}, summed, with the number of patients and the sum of their log-losses at that model
 * (each clipped to [0, {@link #MAX_LOSS}] and divided by it, so in [0, 1]) appended as the last two coordinates. One
 * patient changes that vector by at most √(clip² + 1 + 1) = √3 in L2 norm, so Gaussian noise of standard deviation
 * σ·√3 on every coordinate is the Gaussian mechanism with noise multiplier σ ({@link StudySpec#sigma}); {@code rounds}
 * such releases are (ε, δ)-DP by the accountant. The aggregator divides the summed gradients by the summed noisy
 * count, so no member's size is released except through that noise; the summed noisy loss over the summed noisy count
 * is the round's training loss (the curve the consumer sees). Stateless.
 */
public final class LocalUpdate {
    /** A patient's log-loss is clipped to this before it is summed (the loss of a confidently wrong prediction). */
    public static final double MAX_LOSS = 5;
    /** The L2 sensitivity of the released vector: gradient (clip 1), count (1), scaled loss (1). */
    static final double SENSITIVITY = Math.sqrt(3);

    private LocalUpdate() {
    }

    /** The member's rows: patients with every feature and the outcome, features clamped and scaled to [0, 1]. */
    public static List<LogisticModel.Row> rows(StudySpec spec, Map<String, double[]> columns) {
        double[] outcome = columns.get(spec.outcome());
        List<LogisticModel.Row> rows = new ArrayList<>();
        for (int r = 0; r < outcome.length; r++) {
            if (complete(spec, columns, r)) {
                double[] x = new double[spec.features().size()];
                for (int i = 0; i < x.length; i++) {
                    double v = columns.get(spec.features().get(i))[r];
                    double lo = spec.lows().get(i);
                    double hi = spec.highs().get(i);
                    x[i] = (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo);
                }
                rows.add(new LogisticModel.Row(x, outcome[r] >= spec.outcomeAtLeast()));
            }
        }
        return rows;
    }

    /** Whether patient {@code r} has the outcome and every feature: the patients {@link #rows} keeps, in order. */
    public static boolean complete(StudySpec spec, Map<String, double[]> columns, int r) {
        boolean complete = !Double.isNaN(columns.get(spec.outcome())[r]);
        for (int i = 0; i < spec.features().size() && complete; i++) {
            complete = !Double.isNaN(columns.get(spec.features().get(i))[r]);
        }
        return complete;
    }

    /** The noisy vector (clipped gradient sum, count, scaled loss sum) at {@code model}. */
    public static double[] release(LogisticModel model, List<LogisticModel.Row> rows, double sigma,
            RandomGenerator random) {
        double noise = sigma * SENSITIVITY;
        double[] g = new DpGradientDescent(random).noisyGradientSum(model, rows,
                new DpGradientDescent.Parameters(1, 1, StudySpec.CLIP, noise / StudySpec.CLIP));
        double[] out = new double[g.length + 2];
        System.arraycopy(g, 0, out, 0, g.length);
        out[g.length] = rows.size() + random.nextGaussian() * noise;
        double loss = 0;
        for (LogisticModel.Row r : rows) {
            double p = model.probability(r.x());
            double l = -Math.log(Math.max(1e-300, r.y() ? p : 1 - p));
            loss += Math.min(MAX_LOSS, l) / MAX_LOSS;
        }
        out[g.length + 1] = loss + random.nextGaussian() * noise;
        return out;
    }

    /** The round's training loss from the summed vector: the mean clipped log-loss at the round's model. */
    public static double loss(double[] sum, int parameters) {
        return Math.max(0, MAX_LOSS * sum[parameters + 1] / Math.max(1, sum[parameters]));
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
