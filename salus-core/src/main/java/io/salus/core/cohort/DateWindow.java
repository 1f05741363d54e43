package io.salus.core.cohort;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** An inclusive date range, open on a side that is empty. Features without a date are never inside a window. */
public record DateWindow(Optional<LocalDate> from, Optional<LocalDate> to) {
    public DateWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new IllegalArgumentException("window from " + from.get() + " is after to " + to.get());
        }
    }

    public boolean contains(Optional<LocalDate> date) {
        return date.isPresent() && from.map(f -> !date.get().isBefore(f)).orElse(true)
                && to.map(t -> !date.get().isAfter(t)).orElse(true);
    }
}
