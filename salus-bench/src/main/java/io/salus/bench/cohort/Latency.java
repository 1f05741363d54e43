package io.salus.bench.cohort;

import io.salus.bench.Numbers;
import io.salus.bench.Spread;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Repeated timings of one count, in milliseconds, with p50 and p99 by nearest rank. Immutable.
 *
 * @param count what the count returned (the same every run)
 */
public record Latency(long count, double[] millis) {

    /**
     * Runs {@code count} {@code warmUp} times untimed, then times it at least {@code minRuns} and at most
     * {@code maxRuns} times, stopping after {@code maxSeconds} once {@code minRuns} are done.
     *
     * @throws IllegalStateException if two runs disagree
     */
    public static Latency measure(LongSupplier count, int warmUp, int minRuns, int maxRuns, double maxSeconds) {
        long expected = count.getAsLong();
        for (int i = 1; i < warmUp; i++) {
            count.getAsLong();
        }
        double[] ms = new double[maxRuns];
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        int n = 0;
        while (n < maxRuns && (n < minRuns || System.nanoTime() < deadline)) {
            long start = System.nanoTime();
            long got = count.getAsLong();
            ms[n++] = (System.nanoTime() - start) / 1e6;
            if (got != expected) {
                throw new IllegalStateException("a count changed between runs: " + expected + " then " + got);
            }
        }
        return new Latency(expected, Arrays.copyOf(ms, n));
    }

    public int runs() {
        return millis.length;
    }

    public double p50() {
        return percentile(0.50);
    }

    public double p99() {
        return percentile(0.99);
    }

    /** Nearest-rank percentile. */
    public double percentile(double q) {
        double[] s = millis.clone();
        Arrays.sort(s);
        return s[Math.max(0, Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1))];
    }

    public Spread spread() {
        return Spread.of(millis);
    }

    /** {@code p50 1.23 ms, p99 4.56 ms (200 runs)}. */
    public String text() {
        return "p50 " + Numbers.compact(p50()) + " ms, p99 " + Numbers.compact(p99()) + " ms (" + runs() + " runs)";
    }
}
