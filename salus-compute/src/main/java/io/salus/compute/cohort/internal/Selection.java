package io.salus.compute.cohort.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * Gathers the patients a query selects from several columns: whole bitmaps (shared, never modified) and single
 * ordinals, OR-ed together once at the end. Not thread-safe: one per query.
 */
public final class Selection {
    private final List<RoaringBitmap> bitmaps = new ArrayList<>();
    private int[] ordinals = new int[64];
    private int n;

    public void add(RoaringBitmap shared) {
        bitmaps.add(shared);
    }

    public void add(int ordinal) {
        if (n == ordinals.length) {
            ordinals = Arrays.copyOf(ordinals, n * 2);
        }
        ordinals[n++] = ordinal;
    }

    void addAll(int[] source, int from, int to) {
        int len = to - from;
        if (len <= 0) {
            return;
        }
        if (n + len > ordinals.length) {
            ordinals = Arrays.copyOf(ordinals, Math.max(n + len, n * 2));
        }
        System.arraycopy(source, from, ordinals, n, len);
        n += len;
    }

    /** A new bitmap of everything gathered. */
    public RoaringBitmap result() {
        RoaringBitmap single = new RoaringBitmap();
        if (n > 0) {
            Arrays.sort(ordinals, 0, n);
            single.addN(ordinals, 0, n);
        }
        if (bitmaps.isEmpty()) {
            return single;
        }
        bitmaps.add(single);
        return FastAggregation.or(bitmaps.iterator());
    }
}
