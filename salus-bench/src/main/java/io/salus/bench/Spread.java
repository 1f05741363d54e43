package io.salus.bench;

import java.util.Arrays;

/**
 * The median and spread of repeated measurements (p10/p90 by nearest rank, min, max). Immutable.
 *
 * @param runs how many measurements
 */
public record Spread(int runs, double median, double p10, double p90, double min, double max) {

    public static Spread of(double... samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        return new Spread(s.length, quantile(s, 0.5), quantile(s, 0.1), quantile(s, 0.9), s[0], s[s.length - 1]);
    }

    private static double quantile(double[] sorted, double q) {
        if (q == 0.5 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** {@code median (p10 to p90, n runs)} with a compact number format. */
    public String text() {
        return Numbers.compact(median) + " (p10 " + Numbers.compact(p10) + ", p90 " + Numbers.compact(p90) + ", "
                + runs + (runs == 1 ? " run)" : " runs)");
    }
}
