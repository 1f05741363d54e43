package io.salus.core.cohort;

import java.util.Objects;
import java.util.Optional;

/**
 * A condition on a feature's value: {@code value op this.value}, and, when a unit is given, the feature's unit equal to
 * it (exact, case-sensitive: UCUM units are). Features without a value never meet a threshold.
 */
public record Threshold(Comparator op, double value, Optional<String> unit) {
    public Threshold {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("non-finite threshold " + value);
        }
    }

    public boolean test(Feature f) {
        return f.value().isPresent() && op.test(f.value().get(), value)
                && (unit.isEmpty() || unit.equals(f.unit()));
    }
}
