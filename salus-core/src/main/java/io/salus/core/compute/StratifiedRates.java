package io.salus.core.compute;

import io.salus.core.privacy.CountRelease;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.NoisyCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The built-in "counts and rates by stratum": per stratum, how many patients and how many of them had the event, and
 * the rate. Each patient is in exactly one stratum, so the strata compose in parallel; within a stratum the two counts
 * each get half of {@code eps} (sensitivity 1 each), so the whole release costs {@code eps}. A count whose noisy value
 * is below the threshold is suppressed, and a rate is shown only when both counts are released (post-processing:
 * events / patients, clamped to [0, 1]). The strata come from the job's parameters, not from the data, so which strata
 * appear reveals nothing. Thread-safe when the release is.
 */
public final class StratifiedRates {
    private final CountRelease counts;

    public StratifiedRates(CountRelease counts) {
        this.counts = counts;
    }

    /** Patients and events of one stratum, exact (never leaves the node). */
    public record Cell(long patients, long events) {
        public Cell {
            if (patients < 0 || events < 0 || events > patients) {
                throw new IllegalArgumentException("a cell needs 0 <= events <= patients, got " + events + " of "
                        + patients);
            }
        }
    }

    /** One released stratum. */
    public record Rate(String stratum, NoisyCount patients, NoisyCount events, Optional<Double> rate) {
    }

    /** Every stratum named in {@code strata}, in name order; a named stratum with no patient is a cell of zeros. */
    public List<Rate> release(List<String> strata, Map<String, Cell> exact, Epsilon eps) {
        SortedMap<String, Cell> cells = new TreeMap<>();
        strata.forEach(s -> cells.put(s, exact.getOrDefault(s, new Cell(0, 0))));
        Epsilon half = eps.over(2);
        List<Rate> out = new ArrayList<>();
        cells.forEach((stratum, c) -> {
            NoisyCount n = counts.release(c.patients(), half);
            NoisyCount e = counts.release(c.events(), half);
            Optional<Double> rate = n instanceof NoisyCount.Released rn && e instanceof NoisyCount.Released re
                    ? Optional.of(Math.min(1.0, (double) re.value() / rn.value()))
                    : Optional.empty();
            out.add(new Rate(stratum, n, e, rate));
        });
        return List.copyOf(out);
    }
}
