package io.salus.core.compute;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.privacy.CountRelease;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.NoisyCount;
import java.util.List;
import java.util.Optional;

/**
 * The built-in "mean of an observation": each patient's value clamped to {@code [low, high]} and rounded to a grid of
 * {@code step}, the count released with half of {@code eps} (sensitivity 1, suppressed below the threshold) and the sum
 * of grid offsets from {@code low} with the other half (sensitivity {@code (high - low) / step} grid steps, since one
 * patient adds one value in that range). The mean is post-processing of the two; none is shown when the count is
 * suppressed. Clamping biases the mean towards the range; the job states the range, so the consumer knows it.
 */
public final class BoundedMean {
    /** The finest grid: at most this many steps between low and high, so the sum's noise stays meaningful. */
    public static final long MAX_STEPS = 1_000_000;
    private final CountRelease counts;
    private final NoisySum sums;

    public BoundedMean(CountRelease counts, NoisySum sums) {
        this.counts = counts;
        this.sums = sums;
    }

    /** The released count and, when it is not suppressed, the noisy mean. */
    public record Mean(NoisyCount count, Optional<Double> mean) {
    }

    public Result<Mean> release(List<Double> values, double low, double high, double step, Epsilon eps) {
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high) || !(step > 0)
                || (high - low) / step > MAX_STEPS) {
            return Result.fail(ErrorCode.COMPUTE_INVALID_PARAMETERS, "a mean needs finite low < high and a step "
                    + "giving at most " + MAX_STEPS + " steps between them");
        }
        long steps = (long) Math.ceil((high - low) / step);
        long sum = 0;
        for (double v : values) {
            double clamped = Double.isNaN(v) ? low : Math.min(high, Math.max(low, v));
            sum += Math.min(steps, Math.round((clamped - low) / step));
        }
        Epsilon half = eps.over(2);
        NoisyCount n = counts.release(values.size(), half);
        long noisySum = sums.release(sum, steps, half);
        Optional<Double> mean = n instanceof NoisyCount.Released r
                ? Optional.of(Math.min(high, Math.max(low, low + step * noisySum / r.value())))
                : Optional.empty();
        return Result.ok(new Mean(n, mean));
    }
}
