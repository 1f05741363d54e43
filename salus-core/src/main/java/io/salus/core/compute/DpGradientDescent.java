package io.salus.core.compute;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Differentially private full-batch gradient descent for logistic regression (DP-GD): each step clips every row's
 * gradient to L2 norm {@code clip}, sums them, adds Gaussian noise of standard deviation {@code noiseMultiplier · clip}
 * to the sum, and divides by the number of rows. One step is the Gaussian mechanism on a sum of sensitivity
 * {@code clip}; {@link GaussianAccountant} composes the steps. No subsampling, so no amplification is claimed. The
 * noise uses the generator's floating-point Gaussian (stated in docs/compute.md). Thread-safe when the generator is.
 */
public final class DpGradientDescent {
    /** The training parameters; {@code noiseMultiplier} 0 trains without privacy (a reference model only). */
    public record Parameters(int steps, double learningRate, double clip, double noiseMultiplier) {
        public Parameters {
            if (steps < 1 || !(learningRate > 0) || !(clip > 0) || noiseMultiplier < 0) {
                throw new IllegalArgumentException("steps >= 1, learning rate > 0, clip > 0, noise >= 0");
            }
        }
    }

    private final RandomGenerator random;

    public DpGradientDescent(RandomGenerator random) {
        this.random = random;
    }

    /** The model after {@code p.steps()} steps from {@code start}. */
    public LogisticModel train(LogisticModel start, List<LogisticModel.Row> rows, Parameters p) {
        double[] theta = start.parameters();
        for (int s = 0; s < p.steps(); s++) {
            double[] g = noisyGradientSum(LogisticModel.of(theta), rows, p);
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= p.learningRate() * g[i] / Math.max(1, rows.size());
            }
        }
        return LogisticModel.of(theta);
    }

    /** The clipped per-row gradients summed, plus the Gaussian noise: what one step releases. */
    public double[] noisyGradientSum(LogisticModel model, List<LogisticModel.Row> rows, Parameters p) {
        double[] sum = new double[model.weights().length + 1];
        double[] g = new double[sum.length];
        for (LogisticModel.Row r : rows) {
            double[] x = r.x();
            double error = model.probability(x) - (r.y() ? 1 : 0);
            g[0] = error;
            double norm = error * error;
            for (int i = 0; i < x.length; i++) {
                g[i + 1] = error * x[i];
                norm += g[i + 1] * g[i + 1];
            }
            double scale = Math.min(1, p.clip() / Math.max(Math.sqrt(norm), 1e-12));
            for (int i = 0; i < sum.length; i++) {
                sum[i] += g[i] * scale;
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] += random.nextGaussian() * p.noiseMultiplier() * p.clip();
        }
        return sum;
    }
}
