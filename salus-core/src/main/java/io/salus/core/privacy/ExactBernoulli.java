package io.salus.core.privacy;

import java.util.random.RandomGenerator;

/**
 * Exact Bernoulli trials from uniform random bits, with integer arithmetic only (Canonne, Kamath and Steinke, "The
 * Discrete Gaussian for Differential Privacy", 2020, Algorithm 1). Only {@link RandomGenerator#nextLong()} is used, as a
 * source of 64 uniform bits. Thread-safe when the generator is.
 */
final class ExactBernoulli {
    private final RandomGenerator random;

    ExactBernoulli(RandomGenerator random) {
        this.random = random;
    }

    /** One fair bit. */
    boolean bit() {
        return (random.nextLong() & 1L) != 0;
    }

    /** A uniform integer in {@code [0, n)}, by rejection on the smallest power of two at least {@code n}. */
    long uniformBelow(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("empty range: " + n);
        }
        if (n == 1) {
            return 0;
        }
        long mask = -1L >>> Long.numberOfLeadingZeros(n - 1);
        while (true) {
            long r = random.nextLong() & mask;
            if (r < n) {
                return r;
            }
        }
    }

    /** Bernoulli({@code num / den}), for {@code 0 <= num <= den}, {@code den > 0}. */
    boolean bernoulli(long num, long den) {
        if (num < 0 || den <= 0 || num > den) {
            throw new IllegalArgumentException("not a probability: " + num + "/" + den);
        }
        return uniformBelow(den) < num;
    }

    /** Bernoulli(exp(-{@code num / den})), for {@code num >= 0}, {@code den > 0}. */
    boolean bernoulliExpMinus(long num, long den) {
        if (num < 0 || den <= 0) {
            throw new IllegalArgumentException("not a non-negative rational: " + num + "/" + den);
        }
        if (num <= den) {
            // gamma in [0, 1]: K = first k with A_k = 0, A_k ~ Bernoulli(gamma / k); P[K odd] = exp(-gamma)
            long k = 1;
            while (bernoulli(num, Math.multiplyExact(den, k))) {
                k++;
            }
            return (k & 1L) == 1L;
        }
        // gamma > 1: exp(-gamma) = exp(-1)^floor(gamma) * exp(-(gamma - floor(gamma)))
        long whole = num / den;
        for (long i = 0; i < whole; i++) {
            if (!bernoulliExpMinus(1, 1)) {
                return false;
            }
        }
        return bernoulliExpMinus(num % den, den);
    }
}
