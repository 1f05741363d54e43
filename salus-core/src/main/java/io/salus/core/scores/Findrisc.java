package io.salus.core.scores;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * FINDRISC, the Finnish Diabetes Risk Score (Lindström and Tuomilehto, Diabetes Care 2003;26:725-731; the questionnaire
 * of the Finnish Diabetes Association): 0-26 points for the 10-year risk of type 2 diabetes. Points: age < 45 0,
 * 45-54 2, 55-64 3, > 64 4; BMI < 25 0, 25-30 1, > 30 3; waist (men / women) < 94 / < 80 cm 0, 94-102 / 80-88 3,
 * > 102 / > 88 4; less than 30 minutes of daily activity 2; vegetables, fruit or berries not every day 1;
 * antihypertensive medication ever 2; high blood glucose ever 5; family history second degree 3, first degree 5.
 * Bands: < 7 low (about 1 in 100), 7-11 slightly elevated (1 in 25), 12-14 moderate (1 in 6), 15-20 high (1 in 3),
 * > 20 very high (1 in 2). BMI is read to one decimal and the waist to whole centimetres (half up), as the form is
 * filled in. Computed for adults (18-120 years) with plausible BMI (10-80) and waist (40-250 cm). Stateless.
 */
public final class Findrisc {
    public static final ScoreModel MODEL = new ScoreModel("FINDRISC (10-year type 2 diabetes risk)", "2003",
            "Lindström J, Tuomilehto J, Diabetes Care 2003;26(3):725-731");

    private Findrisc() {
    }

    public static ScoreOutcome score(FindriscInputs in) {
        InputCheck check = new InputCheck(MODEL);
        Integer age = check.need("age", in.age(), "years");
        Sex sex = check.need("sex", in.sex(), "");
        Double bmi = check.need("body-mass index", in.bmi(), "kg/m²");
        Double waist = check.need("waist circumference", in.waistCm(), "cm");
        Boolean active = check.need("physically active 30 minutes daily", in.physicallyActive(), "");
        Boolean veg = check.need("vegetables, fruit or berries every day", in.dailyVegetablesOrFruit(), "");
        Boolean bpMeds = check.need("antihypertensive medication ever", in.antihypertensiveMedication(), "");
        Boolean glucose = check.need("high blood glucose ever", in.highGlucoseEver(), "");
        FamilyHistory family = check.need("family history of diabetes", in.familyHistory(), "");
        check.range("age", age, 18, 120, "years");
        check.range("body-mass index", bmi, 10, 80, "kg/m²");
        check.range("waist circumference", waist, 40, 250, "cm");
        if (check.refusal().isPresent()) {
            return check.refusal().get();
        }
        int points = agePoints(age) + bmiPoints(bmi) + waistPoints(sex, waist) + (active ? 0 : 2) + (veg ? 0 : 1)
                + (bpMeds ? 2 : 0) + (glucose ? 5 : 0) + familyPoints(family);
        return new ScoreOutcome.Scored(new ScoreResult(MODEL, points, "points", points + " points", band(points),
                check.used(), List.of()));
    }

    static int agePoints(int age) {
        return age < 45 ? 0 : age <= 54 ? 2 : age <= 64 ? 3 : 4;
    }

    static int bmiPoints(double bmi) {
        BigDecimal b = BigDecimal.valueOf(bmi).setScale(1, RoundingMode.HALF_UP);
        return b.compareTo(BigDecimal.valueOf(25)) < 0 ? 0 : b.compareTo(BigDecimal.valueOf(30)) <= 0 ? 1 : 3;
    }

    static int waistPoints(Sex sex, double waistCm) {
        long w = BigDecimal.valueOf(waistCm).setScale(0, RoundingMode.HALF_UP).longValueExact();
        long low = sex == Sex.MALE ? 94 : 80;
        long high = sex == Sex.MALE ? 102 : 88;
        return w < low ? 0 : w <= high ? 3 : 4;
    }

    static int familyPoints(FamilyHistory f) {
        return switch (f) {
            case NONE -> 0;
            case SECOND_DEGREE -> 3;
            case FIRST_DEGREE -> 5;
        };
    }

    static String band(int points) {
        return points < 7
                ? "low: about 1 in 100 will develop type 2 diabetes within 10 years"
                : points <= 11
                        ? "slightly elevated: about 1 in 25"
                        : points <= 14
                                ? "moderate: about 1 in 6"
                                : points <= 20
                                        ? "high: about 1 in 3"
                                        : "very high: about 1 in 2";
    }
}
