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

    /**
     * The epoch day of a date, {@link #NO_DATE} if absent.
     *
     * @throws IllegalArgumentException for a year outside 0000-9999 (FHIR dates have four-digit years)
     */
    public static int day(Optional<LocalDate> date) {
        if (date.isEmpty()) {
            return NO_DATE;
        }
        if (date.get().getYear() < 0 || date.get().getYear() > 9999) {
            throw new IllegalArgumentException("date outside years 0000-9999: " + date.get());
        }
        return (int) date.get().toEpochDay();
    }

    public boolean contains(int day) {
        return none || day != NO_DATE && day >= from && day <= to;
    }
}
