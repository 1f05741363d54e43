package io.salus.compute.cohort.internal;

import io.salus.core.cohort.Criterion.AgeRange;
import java.time.LocalDate;
import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * Birth dates by patient ordinal, and a sorted column of them for age ranges: ages {@code [min, max]} at a date are
 * births in {@code (at - (max + 1) years, at - min years]}. A patient whose birth date changes is marked stale: the
 * column's answer for stale patients is replaced by a check of their current birth date, until the next rebuild. Not
 * thread-safe: the index guards it.
 */
public final class BirthIndex {
    private static final int UNKNOWN = DayWindow.NO_DATE;
    private static final int MAX_STALE = 4096;
    private int[] births = new int[1024];
    private FeatureColumn column = new FeatureColumn();
    private final RoaringBitmap stale = new RoaringBitmap();
    private int staleCount;

    public BirthIndex() {
        Arrays.fill(births, UNKNOWN);
    }

    public void put(int patient, int birthDay, boolean deferMerge) {
        if (patient >= births.length) {
            int old = births.length;
            births = Arrays.copyOf(births, Math.max(patient + 1, old * 2));
            Arrays.fill(births, old, births.length, UNKNOWN);
        }
        int before = births[patient];
        if (before == birthDay) {
            return;
        }
        births[patient] = birthDay;
        if (before != UNKNOWN) {
            stale.add(patient);
            if (++staleCount > MAX_STALE) {
                rebuild();
            }
        } else if (birthDay != UNKNOWN) {
            column.add(patient, birthDay, UNKNOWN, deferMerge);
        }
    }

    /** Forgets {@code patient}'s birth date entirely (erasure), dropping it from the sorted column too. */
    public void remove(int patient) {
        if (patient >= births.length || births[patient] == UNKNOWN) {
            return;
        }
        births[patient] = UNKNOWN;
        if (stale.contains(patient)) {
            stale.remove(patient);
            staleCount--;
        }
        column.remove(patient);
    }

    public RoaringBitmap select(AgeRange age, LocalDate at) {
        long lo = at.minusYears(age.max() + 1L).toEpochDay() + 1;
        long hi = at.minusYears(age.min()).toEpochDay();
        Selection s = new Selection();
        column.select(ValueRange.between(lo, hi), DayWindow.NONE, s);
        RoaringBitmap out = s.result();
        if (!stale.isEmpty()) {
            out.andNot(stale);
            stale.forEach((int p) -> {
                if (births[p] != UNKNOWN && births[p] >= lo && births[p] <= hi) {
                    out.add(p);
                }
            });
        }
        return out;
    }

    public void seal() {
        column.seal();
    }

    private void rebuild() {
        FeatureColumn fresh = new FeatureColumn();
        for (int p = 0; p < births.length; p++) {
            if (births[p] != UNKNOWN) {
                fresh.add(p, births[p], UNKNOWN, true);
            }
        }
        fresh.seal();
        stale.clear();
        staleCount = 0;
        column = fresh;
    }
}
