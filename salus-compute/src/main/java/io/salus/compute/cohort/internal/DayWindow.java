package io.salus.compute.cohort.internal;

import io.salus.core.cohort.DateWindow;
import java.time.LocalDate;
import java.util.Optional;

/** A date window as inclusive epoch days; {@link #NONE} lets every entry through, dated or not. */
public record DayWindow(boolean none, int from, int to) {
    /** The day value of an entry without a date. */
    public static final int NO_DATE = Integer.MIN_VALUE;
    public static final DayWindow NONE = new DayWindow(true, NO_DATE, Integer.MAX_VALUE);

    public static DayWindow of(Optional<DateWindow> w) {
        return w.map(d -> new DayWindow(false, d.from().map(f -> (int) f.toEpochDay()).orElse(NO_DATE + 1),
                d.to().map(t -> (int) t.toEpochDay()).orElse(Integer.MAX_VALUE))).orElse(NONE);
    }

    public static int day(Optional<LocalDate> date) {
        return date.map(d -> (int) d.toEpochDay()).orElse(NO_DATE);
    }

    public boolean contains(int day) {
        return none || day != NO_DATE && day >= from && day <= to;
    }
}
