package io.salus.core.compute;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.privacy.CountRelease;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.NoisyCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The built-in "Kaplan–Meier survival curve". {@link #exact} is the estimator itself (the node's reference; never
 * released). {@link #release} bins follow-up time into {@code bins} intervals of {@code width} and releases, per bin,
 * the number of events and of censorings with discrete Laplace noise of parameter {@code eps}: each patient falls in
 * exactly one cell of that histogram (follow-up beyond the last bin counts as censored there), so the whole histogram
 * costs {@code eps}. The at-risk counts and the curve are post-processing of the noisy cells (clamped at zero, the
 * survival kept in [0, 1] and non-increasing). The curve is withheld when the noisy total is below the threshold.
 */
public final class KaplanMeier {
    public static final int MAX_BINS = 1_000;
    private final NoisySum noise;

    public KaplanMeier(NoisySum noise) {
        this.noise = noise;
    }

    /** A patient's follow-up: the time to the event, or to censoring when {@code event} is false. */
    public record Observation(double time, boolean event) {
        public Observation {
            if (!Double.isFinite(time) || time < 0) {
                throw new IllegalArgumentException("a follow-up time is finite and non-negative, got " + time);
            }
        }
    }

    /** The survival just after {@code time}. */
    public record Point(double time, double survival) {
    }

    /** The released curve: one point per bin end, or none when the total is suppressed. */
    public record Curve(NoisyCount patients, List<Point> points) {
        public Curve {
            points = List.copyOf(points);
        }
    }

    /** The product-limit estimate, one point per distinct event time (censorings at that time still at risk). */
    public static List<Point> exact(List<Observation> observations) {
        List<Observation> sorted = new ArrayList<>(observations);
        sorted.sort(Comparator.comparingDouble(Observation::time));
        List<Point> out = new ArrayList<>();
        double survival = 1;
        int i = 0;
        while (i < sorted.size()) {
            double t = sorted.get(i).time();
            int atRisk = sorted.size() - i;
            int events = 0;
            while (i < sorted.size() && sorted.get(i).time() == t) {
                events += sorted.get(i).event() ? 1 : 0;
                i++;
            }
            if (events > 0) {
                survival *= 1 - (double) events / atRisk;
                out.add(new Point(t, survival));
            }
        }
        return out;
    }

    public Result<Curve> release(List<Observation> observations, double width, int bins, Epsilon eps) {
        if (!(width > 0) || !Double.isFinite(width) || bins < 1 || bins > MAX_BINS) {
            return Result.fail(ErrorCode.COMPUTE_INVALID_PARAMETERS, "a survival curve needs a positive bin width "
                    + "and 1 to " + MAX_BINS + " bins");
        }
        long[] events = new long[bins];
        long[] censored = new long[bins];
        for (Observation o : observations) {
            int b = (int) Math.min(bins - 1, Math.floor(o.time() / width));
            boolean inside = o.time() < width * bins;
            if (o.event() && inside) {
                events[b]++;
            } else {
                censored[b]++;
            }
        }
        long total = 0;
        for (int b = 0; b < bins; b++) {
            events[b] = Math.max(0, noise.release(events[b], 1, eps));
            censored[b] = Math.max(0, noise.release(censored[b], 1, eps));
            total += events[b] + censored[b];
        }
        if (total < CountRelease.THRESHOLD) {
            return Result.ok(new Curve(new NoisyCount.FewerThan(CountRelease.THRESHOLD), List.of()));
        }
        List<Point> points = new ArrayList<>(bins);
        long atRisk = total;
        double survival = 1;
        for (int b = 0; b < bins; b++) {
            if (atRisk > 0) {
                survival *= 1 - Math.min(1.0, (double) events[b] / atRisk);
            }
            points.add(new Point(width * (b + 1), survival));
            atRisk -= events[b] + censored[b];
        }
        return Result.ok(new Curve(new NoisyCount.Released(total), points));
    }
}
