package io.salus.compute.cohort.internal;

import java.time.LocalDate;
import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * An immutable column of (patient, value, day) entries, sorted by (month of the day, value) so that each calendar month is
 * one partition sorted by value (undated entries form the first partition; entries without a value, NaN, end each
 * partition). Each large partition has up to {@value #BUCKETS} bucket bitmaps over consecutive runs of its value
 * order, so a value range inside a month is the OR of the whole buckets it covers plus a scan of at most two partial
 * ones; months only partly inside a date window are scanned. Thread-safe (immutable).
 */
final class SortedColumn {
    static final SortedColumn EMPTY = of(new double[0], new int[0], new int[0], 0);
    private static final int BUCKETS = 64;
    private static final int MIN_BUCKET = 512;

    private final double[] values;
    private final int[] patients;
    private final int[] days;
    private final int[] partStart;
    private final int[] partValuedEnd;
    private final int[] partFirstDay;
    private final int[] partLastDay;
    private final int[] bucketSize;
    private final RoaringBitmap[][] buckets;

    private SortedColumn(double[] values, int[] patients, int[] days, int[] months) {
        this.values = values;
        this.patients = patients;
        this.days = days;
        int n = values.length;
        int parts = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || months[i] != months[i - 1]) {
                parts++;
            }
        }
        partStart = new int[parts + 1];
        partValuedEnd = new int[parts];
        partFirstDay = new int[parts];
        partLastDay = new int[parts];
        bucketSize = new int[parts];
        buckets = new RoaringBitmap[parts][];
        int p = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || months[i] != months[i - 1]) {
                partStart[p++] = i;
            }
        }
        partStart[parts] = n;
        for (p = 0; p < parts; p++) {
            int s = partStart[p];
            int e = partStart[p + 1];
            int valued = e;
            while (valued > s && Double.isNaN(values[valued - 1])) {
                valued--;
            }
            partValuedEnd[p] = valued;
            int month = months[s];
            if (month == DayWindow.NO_DATE) {
                partFirstDay[p] = DayWindow.NO_DATE;
                partLastDay[p] = DayWindow.NO_DATE;
            } else {
                LocalDate first = LocalDate.of(Math.floorDiv(month, 12), Math.floorMod(month, 12) + 1, 1);
                partFirstDay[p] = (int) first.toEpochDay();
                partLastDay[p] = (int) first.plusMonths(1).toEpochDay() - 1;
            }
            buildBuckets(p, s, e);
        }
    }

    private void buildBuckets(int p, int s, int e) {
        int n = e - s;
        if (n < 2 * MIN_BUCKET) {
            buckets[p] = new RoaringBitmap[0];
            return;
        }
        int size = Math.max(MIN_BUCKET, (n + BUCKETS - 1) / BUCKETS);
        int count = n / size;
        bucketSize[p] = size;
        buckets[p] = new RoaringBitmap[count];
        for (int k = 0; k < count; k++) {
            RoaringBitmap b = new RoaringBitmap();
            b.addN(patients, s + k * size, size);
            b.runOptimize();
            buckets[p][k] = b;
        }
    }

    /** A column of the first {@code n} entries of the arrays (which it may reorder and keep). */
    static SortedColumn of(double[] values, int[] patients, int[] days, int n) {
        double[] v = Arrays.copyOf(values, n);
        int[] p = Arrays.copyOf(patients, n);
        int[] d = Arrays.copyOf(days, n);
        int[] months = new int[n];
        for (int i = 0; i < n; i++) {
            months[i] = d[i] == DayWindow.NO_DATE ? DayWindow.NO_DATE : month(LocalDate.ofEpochDay(d[i]));
        }
        new ParallelSort(months, v, p, d).sort(0, n);
        return new SortedColumn(v, p, d, months);
    }

    private static int month(LocalDate d) {
        return d.getYear() * 12 + d.getMonthValue() - 1;
    }

    int size() {
        return values.length;
    }

    /** Appends every entry to the arrays (for merging with new entries). */
    void copyTo(double[] v, int[] p, int[] d) {
        System.arraycopy(values, 0, v, 0, values.length);
        System.arraycopy(patients, 0, p, 0, values.length);
        System.arraycopy(days, 0, d, 0, values.length);
    }

    /** Adds the patients of the entries in {@code range} and {@code window} to {@code out}. */
    void select(ValueRange range, DayWindow window, Selection out) {
        for (int p = 0; p < partValuedEnd.length; p++) {
            if (!window.none() && (partFirstDay[p] == DayWindow.NO_DATE || partLastDay[p] < window.from()
                    || partFirstDay[p] > window.to())) {
                continue;
            }
            int s = partStart[p];
            int a = range.all() ? s : lowerBound(s, partValuedEnd[p], range);
            int b = range.all() ? partStart[p + 1] : upperBound(a, partValuedEnd[p], range);
            if (a >= b) {
                continue;
            }
            if (window.none() || window.from() <= partFirstDay[p] && partLastDay[p] <= window.to()) {
                collect(p, a, b, out);
            } else {
                for (int i = a; i < b; i++) {
                    if (days[i] >= window.from() && days[i] <= window.to()) {
                        out.add(patients[i]);
                    }
                }
            }
        }
    }

    private void collect(int p, int a, int b, Selection out) {
        int size = bucketSize[p];
        int s = partStart[p];
        if (size > 0) {
            int k0 = (a - s + size - 1) / size;
            int k1 = Math.min((b - s) / size, buckets[p].length);
            if (k0 < k1) {
                out.addAll(patients, a, s + k0 * size);
                for (int k = k0; k < k1; k++) {
                    out.add(buckets[p][k]);
                }
                out.addAll(patients, s + k1 * size, b);
                return;
            }
        }
        out.addAll(patients, a, b);
    }

    private int lowerBound(int from, int to, ValueRange r) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (r.below(values[mid])) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int upperBound(int from, int to, ValueRange r) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (r.above(values[mid])) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
