package io.salus.compute.cohort.internal;

import java.util.Arrays;

/**
 * A growing column: a {@link SortedColumn} plus recent entries scanned one by one, merged into a new sorted column
 * when they exceed an eighth of it (amortised O(log n) per entry). Not thread-safe: the index guards it.
 */
public final class FeatureColumn {
    private static final int MIN_PENDING = 4096;
    private SortedColumn sealed = SortedColumn.EMPTY;
    private double[] values = new double[8];
    private int[] patients = new int[8];
    private int[] days = new int[8];
    private int pending;

    /** Appends an entry; merges the recent entries into the sorted column when they are many, unless deferred. */
    public void add(int patient, double value, int day, boolean deferMerge) {
        if (pending == values.length) {
            int cap = pending * 2;
            values = Arrays.copyOf(values, cap);
            patients = Arrays.copyOf(patients, cap);
            days = Arrays.copyOf(days, cap);
        }
        values[pending] = value;
        patients[pending] = patient;
        days[pending] = day;
        pending++;
        if (!deferMerge && pending > Math.max(MIN_PENDING, sealed.size() / 8)) {
            seal();
        }
    }

    /** Sorts the pending entries into the column (after a bulk load). */
    public void seal() {
        if (pending == 0) {
            return;
        }
        int n = sealed.size() + pending;
        double[] v = new double[n];
        int[] p = new int[n];
        int[] d = new int[n];
        copyAll(v, p, d);
        replaceWith(SortedColumn.of(v, p, d, n));
    }

    /**
     * Drops every entry of {@code patient} (erasure): the sorted column is rebuilt from the remaining entries, so
     * nothing of the patient stays in memory. O(n log n) in the column's size.
     */
    public void remove(int patient) {
        int n = sealed.size() + pending;
        double[] v = new double[n];
        int[] p = new int[n];
        int[] d = new int[n];
        copyAll(v, p, d);
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (p[i] != patient) {
                v[kept] = v[i];
                p[kept] = p[i];
                d[kept] = d[i];
                kept++;
            }
        }
        replaceWith(SortedColumn.of(v, p, d, kept));
    }

    /** Copies the sorted entries, then the pending ones, into arrays of {@link #size()}. */
    private void copyAll(double[] v, int[] p, int[] d) {
        sealed.copyTo(v, p, d);
        System.arraycopy(values, 0, v, sealed.size(), pending);
        System.arraycopy(patients, 0, p, sealed.size(), pending);
        System.arraycopy(days, 0, d, sealed.size(), pending);
    }

    private void replaceWith(SortedColumn column) {
        sealed = column;
        values = new double[8];
        patients = new int[8];
        days = new int[8];
        pending = 0;
    }

    public void select(ValueRange range, DayWindow window, Selection out) {
        sealed.select(range, window, out);
        for (int i = 0; i < pending; i++) {
            if (range.contains(values[i]) && window.contains(days[i])) {
                out.add(patients[i]);
            }
        }
    }

    public int size() {
        return sealed.size() + pending;
    }
}
