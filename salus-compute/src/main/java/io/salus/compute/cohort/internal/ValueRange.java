package io.salus.compute.cohort.internal;

import io.salus.core.cohort.Threshold;

/**
 * Which entries of a column a query wants by value: all of them (values or not), or the valued ones between two
 * bounds. Comparisons are IEEE ({@code -0.0 == 0.0}), as {@link io.salus.core.cohort.Comparator#test} makes them.
 */
public record ValueRange(boolean all, double lo, boolean loInclusive, double hi, boolean hiInclusive) {
    public static final ValueRange ALL = new ValueRange(true, 0, true, 0, true);

    public static ValueRange between(double lo, double hi) {
        return new ValueRange(false, lo, true, hi, true);
    }

    public static ValueRange of(Threshold t) {
        double v = t.value();
        double inf = Double.POSITIVE_INFINITY;
        return switch (t.op()) {
            case LT -> new ValueRange(false, -inf, true, v, false);
            case LE -> new ValueRange(false, -inf, true, v, true);
            case GT -> new ValueRange(false, v, false, inf, true);
            case GE -> new ValueRange(false, v, true, inf, true);
            case EQ -> new ValueRange(false, v, true, v, true);
        };
    }

    /** Whether {@code v} is below the range (monotone along ascending values). */
    boolean below(double v) {
        return loInclusive ? v < lo : v <= lo;
    }

    /** Whether {@code v} is above the range (monotone along ascending values). */
    boolean above(double v) {
        return hiInclusive ? v > hi : v >= hi;
    }

    public boolean contains(double v) {
        return all || !Double.isNaN(v) && !below(v) && !above(v);
    }
}
