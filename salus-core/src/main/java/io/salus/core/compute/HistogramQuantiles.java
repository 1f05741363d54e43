package io.salus.core.compute;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.privacy.CountRelease;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.NoisyCount;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in "quantiles of an observation": each value clamped to [low, high] and counted in one of {@code bins}
 * equal bins; the histogram is released with discrete Laplace noise of parameter {@code eps} per bin (each patient in
 * exactly one bin: {@code eps} in all), noisy bins clamped at zero. The quantiles are post-processing of the noisy
 * histogram: the point of the cumulative count at {@code p} of the noisy total, linear within its bin. None are shown
 * when the noisy total is below the threshold. Thread-safe when the noise is.
 */
public final class HistogramQuantiles {
    public static final int MAX_BINS = 1_000;
    private final NoisySum noise;

    public HistogramQuantiles(NoisySum noise) {
        this.noise = noise;
    }

    /** The released total and, unless it is suppressed, one value per probability, in their order. */
    public record Quantiles(NoisyCount patients, List<Double> values) {
        public Quantiles {
            values = List.copyOf(values);
        }
    }

    public Result<Quantiles> release(List<Double> values, double low, double high, int bins, List<Double> p,
            Epsilon eps) {
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high) || bins < 1 || bins > MAX_BINS
                || p.stream().anyMatch(q -> !(q > 0 && q < 1))) {
            return Result.fail(ErrorCode.COMPUTE_INVALID_PARAMETERS, "quantiles need finite low < high, 1 to "
                    + MAX_BINS + " bins and probabilities strictly between 0 and 1");
        }
        double width = (high - low) / bins;
        long[] cells = new long[bins];
        for (double v : values) {
            double clamped = Math.min(high, Math.max(low, v));
            cells[(int) Math.min(bins - 1, Math.floor((clamped - low) / width))]++;
        }
        long total = 0;
        for (int b = 0; b < bins; b++) {
            cells[b] = Math.max(0, noise.release(cells[b], 1, eps));
            total += cells[b];
        }
        if (total < CountRelease.THRESHOLD) {
            return Result.ok(new Quantiles(new NoisyCount.FewerThan(CountRelease.THRESHOLD), List.of()));
        }
        List<Double> out = new ArrayList<>();
        for (double q : p) {
            double target = q * total;
            long below = 0;
            int b = 0;
            while (b < bins - 1 && below + cells[b] < target) {
                below += cells[b];
                b++;
            }
            double within = cells[b] == 0 ? 0 : Math.min(1, (target - below) / cells[b]);
            out.add(low + width * (b + within));
        }
        return Result.ok(new Quantiles(new NoisyCount.Released(total), out));
    }
}
