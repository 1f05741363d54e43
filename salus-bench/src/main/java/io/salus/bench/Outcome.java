package io.salus.bench;

import java.util.List;
import java.util.Map;

/**
 * What one benchmark found: its comparisons, its plain figures (no baseline), the correctness checks it made on its
 * own results (for example "every deposit verifies against the chain") and data series for plots.
 */
public record Outcome(String benchmark, List<Comparison> comparisons, Map<String, String> figures,
        List<Check> checks, List<Series> series) {

    public Outcome {
        comparisons = List.copyOf(comparisons);
        figures = Map.copyOf(figures);
        checks = List.copyOf(checks);
        series = List.copyOf(series);
    }

    /** A correctness check: what was checked and whether it held. */
    public record Check(String what, boolean passed) {
    }

    /** A plotted series: x and median y per point. */
    public record Series(String name, String xLabel, String yLabel, List<double[]> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    public boolean allChecksPassed() {
        return checks.stream().allMatch(Check::passed);
    }
}
