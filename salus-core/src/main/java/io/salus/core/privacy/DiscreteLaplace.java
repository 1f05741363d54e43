package io.salus.core.privacy;

import java.util.random.RandomGenerator;

/**
 * The discrete Laplace (two-sided geometric) distribution, sampled exactly: {@code P[Y = y] = (1 - e^-eps) / (1 +
 * e^-eps) * e^(-eps |y|)} for every integer {@code y}. With sensitivity 1 (a count), adding {@code Y} is
 * {@code eps}-differentially private. The sampler is Algorithm 2 of Canonne, Kamath and Steinke, "The Discrete Gaussian
 * for Differential Privacy" (2020), with {@code eps = s / t} in lowest terms; it uses integer arithmetic and uniform
 * random bits only, so no floating-point rounding can leak through the low bits of the output. Expected running time
 * is constant. Thread-safe when the generator is (a {@link java.security.SecureRandom} in production).
 */
public final class DiscreteLaplace {
    private final ExactBernoulli bits;

    public DiscreteLaplace(RandomGenerator random) {
        this.bits = new ExactBernoulli(random);
    }

    /** One sample of the discrete Laplace distribution with parameter {@code eps} (scale {@code 1 / eps}). */
    public long sample(Epsilon eps) {
        long s = eps.numerator();
        long t = eps.denominator();
        while (true) {
            // X = U + t V is geometric with P[X = x] proportional to exp(-x / t)
            long u = bits.uniformBelow(t);
            if (!bits.bernoulliExpMinus(u, t)) {
                continue;
            }
            long v = 0;
            while (bits.bernoulliExpMinus(1, 1)) {
                v++;
            }
            long x = Math.addExact(u, Math.multiplyExact(t, v));
            // Y = floor(X / s) is geometric with P[Y = y] proportional to exp(-y s / t)
            long y = x / s;
            boolean negative = bits.bit();
            if (negative && y == 0) {
                continue; // zero would otherwise be drawn twice as often as it should
            }
            return negative ? -y : y;
        }
    }
}
