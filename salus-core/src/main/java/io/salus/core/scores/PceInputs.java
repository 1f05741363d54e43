package io.salus.core.scores;

import java.util.Objects;
import java.util.Optional;

/**
 * The inputs of the Pooled Cohort Equations, each possibly unknown: age (years), sex, race, total and HDL cholesterol
 * (mg/dL), systolic blood pressure (mm Hg), whether it is treated, current smoking, diabetes.
 */
public record PceInputs(Optional<Integer> age, Optional<Sex> sex, Optional<Race> race,
        Optional<Double> totalCholesterol, Optional<Double> hdlCholesterol, Optional<Double> systolic,
        Optional<Boolean> treatedHypertension, Optional<Boolean> smoker, Optional<Boolean> diabetes) {

    public static final PceInputs NONE = new PceInputs(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public PceInputs {
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(race, "race");
        Objects.requireNonNull(totalCholesterol, "totalCholesterol");
        Objects.requireNonNull(hdlCholesterol, "hdlCholesterol");
        Objects.requireNonNull(systolic, "systolic");
        Objects.requireNonNull(treatedHypertension, "treatedHypertension");
        Objects.requireNonNull(smoker, "smoker");
        Objects.requireNonNull(diabetes, "diabetes");
    }

    public PceInputs withAge(int v) {
        return new PceInputs(Optional.of(v), sex, race, totalCholesterol, hdlCholesterol, systolic,
                treatedHypertension, smoker, diabetes);
    }

    public PceInputs withSex(Sex v) {
        return new PceInputs(age, Optional.of(v), race, totalCholesterol, hdlCholesterol, systolic,
                treatedHypertension, smoker, diabetes);
    }

    public PceInputs withRace(Race v) {
        return new PceInputs(age, sex, Optional.of(v), totalCholesterol, hdlCholesterol, systolic,
                treatedHypertension, smoker, diabetes);
    }

    public PceInputs withTotalCholesterol(double mgPerDl) {
        return new PceInputs(age, sex, race, Optional.of(mgPerDl), hdlCholesterol, systolic, treatedHypertension,
                smoker, diabetes);
    }

    public PceInputs withHdlCholesterol(double mgPerDl) {
        return new PceInputs(age, sex, race, totalCholesterol, Optional.of(mgPerDl), systolic, treatedHypertension,
                smoker, diabetes);
    }

    public PceInputs withSystolic(double mmHg, boolean treated) {
        return new PceInputs(age, sex, race, totalCholesterol, hdlCholesterol, Optional.of(mmHg),
                Optional.of(treated), smoker, diabetes);
    }

    public PceInputs withSmoker(boolean v) {
        return new PceInputs(age, sex, race, totalCholesterol, hdlCholesterol, systolic, treatedHypertension,
                Optional.of(v), diabetes);
    }

    public PceInputs withDiabetes(boolean v) {
        return new PceInputs(age, sex, race, totalCholesterol, hdlCholesterol, systolic, treatedHypertension, smoker,
                Optional.of(v));
    }
}
