package io.salus.core.scores;

import java.util.Objects;
import java.util.Optional;

/**
 * The inputs of FINDRISC, each possibly unknown: age (years), sex, body-mass index (kg/m²), waist circumference
 * (cm), at least 30 minutes of physical activity daily, vegetables, fruit or berries every day, ever on regular
 * antihypertensive medication, ever found to have high blood glucose, family history of diabetes.
 */
public record FindriscInputs(Optional<Integer> age, Optional<Sex> sex, Optional<Double> bmi,
        Optional<Double> waistCm, Optional<Boolean> physicallyActive, Optional<Boolean> dailyVegetablesOrFruit,
        Optional<Boolean> antihypertensiveMedication, Optional<Boolean> highGlucoseEver,
        Optional<FamilyHistory> familyHistory) {

    public FindriscInputs {
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(bmi, "bmi");
        Objects.requireNonNull(waistCm, "waistCm");
        Objects.requireNonNull(physicallyActive, "physicallyActive");
        Objects.requireNonNull(dailyVegetablesOrFruit, "dailyVegetablesOrFruit");
        Objects.requireNonNull(antihypertensiveMedication, "antihypertensiveMedication");
        Objects.requireNonNull(highGlucoseEver, "highGlucoseEver");
        Objects.requireNonNull(familyHistory, "familyHistory");
    }

    /** All answers known. */
    public static FindriscInputs of(int age, Sex sex, double bmi, double waistCm, boolean physicallyActive,
            boolean dailyVegetablesOrFruit, boolean antihypertensiveMedication, boolean highGlucoseEver,
            FamilyHistory familyHistory) {
        return new FindriscInputs(Optional.of(age), Optional.of(sex), Optional.of(bmi), Optional.of(waistCm),
                Optional.of(physicallyActive), Optional.of(dailyVegetablesOrFruit),
                Optional.of(antihypertensiveMedication), Optional.of(highGlucoseEver), Optional.of(familyHistory));
    }

    /** The body-mass index from weight (kg) and height (cm). */
    public static double bmi(double weightKg, double heightCm) {
        double m = heightCm / 100;
        return weightKg / (m * m);
    }
}
