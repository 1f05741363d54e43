package io.salus.core.cohort;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One clinical fact extracted from a record: a code in a system (a URI of {@link CodeSystems}), with an optional
 * measured value and unit (observations) and the date it happened (onset, authored, effective, performed, occurred).
 * Values are finite.
 */
public record Feature(FeatureKind kind, String system, String code, Optional<Double> value, Optional<String> unit,
        Optional<LocalDate> date) {

    public Feature {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(date, "date");
        if (value.isPresent() && !Double.isFinite(value.get())) {
            throw new IllegalArgumentException("non-finite feature value " + value.get());
        }
    }

    /** A coded fact without a value. */
    public static Feature coded(FeatureKind kind, String system, String code, Optional<LocalDate> date) {
        return new Feature(kind, system, code, Optional.empty(), Optional.empty(), date);
    }
}
