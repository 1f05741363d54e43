package io.salus.compute.cohort.internal;

/**
 * Sorts column entries held in parallel arrays by (month key, value), values in {@link Double#compare} order (NaN
 * last). Three-way quicksort (many equal keys are common) with median-of-three and insertion sort for short ranges. Not thread-safe (sorts in place).
 */
final class ParallelSort {
    private static final int INSERTION = 24;
    private final int[] years;
    private final double[] values;
    private final int[] patients;
    private final int[] days;

    ParallelSort(int[] years, double[] values, int[] patients, int[] days) {
        this.years = years;
        this.values = values;
        this.patients = patients;
        this.days = days;
    }

    void sort(int from, int to) {
        while (to - from > INSERTION) {
            int mid = (from + to) >>> 1;
            int pick = median(from, mid, to - 1);
            int py = years[pick];
            double pv = values[pick];
            int lt = from;
            int gt = to - 1;
            int i = from;
            while (i <= gt) {
                int c = cmpTo(i, py, pv);
                if (c < 0) {
                    swap(lt++, i++);
                } else if (c > 0) {
                    swap(i, gt--);
                } else {
                    i++;
                }
            }
            if (lt - from < to - gt - 1) {
                sort(from, lt);
                from = gt + 1;
            } else {
                sort(gt + 1, to);
                to = lt;
            }
        }
        for (int i = from + 1; i < to; i++) {
            for (int j = i; j > from && cmp(j, j - 1) < 0; j--) {
                swap(j, j - 1);
            }
        }
    }

    private int median(int a, int b, int c) {
        if (cmp(a, b) < 0) {
            return cmp(b, c) < 0 ? b : cmp(a, c) < 0 ? c : a;
        }
        return cmp(a, c) < 0 ? a : cmp(b, c) < 0 ? c : b;
    }

    private int cmpTo(int a, int year, double value) {
        int c = Integer.compare(years[a], year);
        return c != 0 ? c : Double.compare(values[a], value);
    }

    private int cmp(int a, int b) {
        int c = Integer.compare(years[a], years[b]);
        return c != 0 ? c : Double.compare(values[a], values[b]);
    }

    private void swap(int a, int b) {
        int y = years[a];
        years[a] = years[b];
        years[b] = y;
        double v = values[a];
        values[a] = values[b];
        values[b] = v;
        int p = patients[a];
        patients[a] = patients[b];
        patients[b] = p;
        int d = days[a];
        days[a] = days[b];
        days[b] = d;
    }
}
