package io.salus.core.cohort;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import java.util.Optional;

/** What cohorts know of a patient besides features: the birth date and the FHIR administrative gender code. */
public record PatientFacts(Optional<LocalDate> birthDate, Optional<String> sex) {
    public static final PatientFacts UNKNOWN = new PatientFacts(Optional.empty(), Optional.empty());

    public PatientFacts {
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(sex, "sex");
    }

    /**
     * The age in whole years at {@code at} (as {@link Period#between}); empty without a birth date or when born after
     * {@code at}.
     */
    public Optional<Integer> ageAt(LocalDate at) {
        return birthDate.filter(b -> !b.isAfter(at)).map(b -> Period.between(b, at).getYears());
    }
}
