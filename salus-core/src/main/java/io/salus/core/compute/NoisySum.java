package io.salus.core.compute;

import io.salus.core.privacy.DiscreteLaplace;
import io.salus.core.privacy.Epsilon;
import java.util.random.RandomGenerator;

/**
 * An integer sum released with {@code eps}-differential privacy when one person changes it by at most
 * {@code sensitivity}: discrete Laplace noise of parameter {@code eps / sensitivity}. No clamping, no suppression (the
 * caller decides what a noisy sum may show). Thread-safe when the generator is.
 */
public final class NoisySum {
    private final DiscreteLaplace noise;

    public NoisySum(RandomGenerator random) {
        this.noise = new DiscreteLaplace(random);
    }

    public long release(long trueSum, long sensitivity, Epsilon eps) {
        return Math.addExact(trueSum, noise.sample(eps.over(sensitivity)));
    }
}
