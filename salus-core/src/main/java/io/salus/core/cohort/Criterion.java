package io.salus.core.cohort;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A cohort description: a tree of criteria over one patient's features and facts. Its meaning is
 * {@link CohortSemantics#matches}; the JSON language that spells it is described in {@code docs/cohorts.md}.
 */
public sealed interface Criterion {

    /** All of the parts hold (an empty list holds for everyone). */
    record And(List<Criterion> parts) implements Criterion {
        public And {
            parts = List.copyOf(parts);
        }
    }

    /** At least one of the parts holds (an empty list holds for no one). */
    record Or(List<Criterion> parts) implements Criterion {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    /** The part does not hold. */
    record Not(Criterion part) implements Criterion {
        public Not {
            Objects.requireNonNull(part, "part");
        }
    }

    /**
     * The patient has at least one feature of this kind, system URI and code that meets the threshold (if any) and is
     * dated inside the window (if any): both conditions hold for the same feature.
     */
    record HasFeature(FeatureKind kind, String system, String code, Optional<Threshold> value,
            Optional<DateWindow> window) implements Criterion {
        public HasFeature {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(window, "window");
        }

        public boolean test(Feature f) {
            return f.kind() == kind && f.code().equals(code) && f.system().equals(system)
                    && value.map(t -> t.test(f)).orElse(true) && window.map(w -> w.contains(f.date())).orElse(true);
        }
    }

    /** The age in whole years at the evaluation date is in {@code [min, max]}; unknown ages never match. */
    record AgeRange(int min, int max) implements Criterion {
        public AgeRange {
            if (min < 0 || min > max) {
                throw new IllegalArgumentException("bad age range " + min + ".." + max);
            }
        }
    }

    /** The FHIR administrative gender is {@code code} ({@code female}, {@code male}, {@code other}, {@code unknown}). */
    record Sex(String code) implements Criterion {
        public Sex {
            Objects.requireNonNull(code, "code");
        }
    }
}
