package io.salus.core.privacy;

import java.util.random.RandomGenerator;

/**
 * Releases counts with {@code eps}-differential privacy: the true count plus discrete Laplace noise (sensitivity 1),
 * clamped at zero, and reported as "fewer than {@value #THRESHOLD}" when the <em>noisy</em> value is below
 * {@value #THRESHOLD}. Deciding suppression on the noisy value is post-processing, so it keeps the guarantee; deciding
 * it on the true count would not (a count of 10 versus 11 would show with certainty). Charging the budget is the
 * caller's job, before calling {@link #release}. Thread-safe when the generator is.
 */
public final class CountRelease {
    /** Noisy counts below this are suppressed. */
    public static final long THRESHOLD = 11;
    private final DiscreteLaplace noise;

    public CountRelease(RandomGenerator random) {
        this.noise = new DiscreteLaplace(random);
    }

    /**
     * @throws IllegalArgumentException when {@code trueCount} is negative
     */
    public NoisyCount release(long trueCount, Epsilon eps) {
        if (trueCount < 0) {
            throw new IllegalArgumentException("negative count: " + trueCount);
        }
        long y = noise.sample(eps);
        long noisy = y > 0 && trueCount > Long.MAX_VALUE - y ? Long.MAX_VALUE : Math.max(0, trueCount + y);
        return noisy < THRESHOLD ? new NoisyCount.FewerThan(THRESHOLD) : new NoisyCount.Released(noisy);
    }
}
