package io.salus.core.compute;

/**
 * The privacy loss of {@code steps} compositions of the Gaussian mechanism with noise multiplier {@code sigma}
 * (standard deviation over sensitivity), by Rényi differential privacy: each step is (α, α / 2σ²)-RDP, steps add, and
 * (α, ρ)-RDP implies (ρ + ln(1/δ) / (α − 1), δ)-DP (Mironov 2017, Proposition 3); the smallest ε over a grid of orders
 * α is returned. No subsampling amplification is used.
 */
public final class GaussianAccountant {
    private GaussianAccountant() {
    }

    public static double epsilon(int steps, double sigma, double delta) {
        if (steps < 1 || !(sigma > 0) || !(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("steps >= 1, sigma > 0, 0 < delta < 1");
        }
        double best = Double.POSITIVE_INFINITY;
        for (double alpha = 1.01; alpha <= 10_000; alpha *= 1.01) {
            double eps = steps * alpha / (2 * sigma * sigma) + Math.log(1 / delta) / (alpha - 1);
            best = Math.min(best, eps);
        }
        return best;
    }

    /**
     * The smallest noise multiplier (to a relative 1e-6) whose {@code steps} releases stay within
     * ({@code epsilon}, {@code delta}) by {@link #epsilon}.
     */
    public static double sigmaFor(int steps, double epsilon, double delta) {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon > 0");
        }
        double low = 1e-3;
        double high = 1e6;
        if (epsilon(steps, low, delta) <= epsilon) {
            return low;
        }
        while (high - low > high * 1e-6) {
            double mid = (low + high) / 2;
            if (epsilon(steps, mid, delta) <= epsilon) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }
}
