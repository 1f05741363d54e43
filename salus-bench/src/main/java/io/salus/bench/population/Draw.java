package io.salus.bench.population;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Per-patient randomness: a {@link SplittableRandom} seeded from (seed, patient index) through a 64-bit mixer, so a
 * patient's content depends only on the seed and its index, never on which thread made it or in which order. Not
 * thread-safe (one per patient).
 */
final class Draw {
    private final SplittableRandom rng;

    private Draw(SplittableRandom rng) {
        this.rng = rng;
    }

    static Draw of(long seed, long index) {
        return new Draw(new SplittableRandom(mix(mix(seed) ^ (index * 0x9E3779B97F4A7C15L))));
    }

    /** The murmur3 / SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    double uniform() {
        return rng.nextDouble();
    }

    boolean chance(double p) {
        return rng.nextDouble() < p;
    }

    int below(int n) {
        return rng.nextInt(n);
    }

    double gaussian(double mean, double sd) {
        return mean + sd * rng.nextGaussian();
    }

    /** A Poisson count (Knuth for small means, a rounded normal above 30). */
    int poisson(double mean) {
        if (mean > 30) {
            return (int) Math.max(0, Math.round(gaussian(mean, Math.sqrt(mean))));
        }
        double limit = Math.exp(-mean);
        double p = rng.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= rng.nextDouble();
            k++;
        }
        return k;
    }

    /** A version-4-shaped UUID from this patient's stream. */
    String uuid() {
        long msb = (rng.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
