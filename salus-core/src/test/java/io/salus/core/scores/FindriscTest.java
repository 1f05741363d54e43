package io.salus.core.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.salus.core.error.ErrorCode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FindriscTest {
    /** A 40-year-old active man of normal weight and waist, eating greens daily, with no history: 0 points. */
    static FindriscInputs base(int age, Sex sex, double bmi, double waist) {
        return FindriscInputs.of(age, sex, bmi, waist, true, true, false, false, FamilyHistory.NONE);
    }

    static int points(FindriscInputs in) {
        return (int) Findrisc.score(in).toResult().orElseThrow().value();
    }

    @ParameterizedTest
    @CsvSource({"44,0", "45,2", "54,2", "55,3", "64,3", "65,4"})
    void agePoints(int age, int expected) {
        assertThat(points(base(age, Sex.MALE, 22, 85))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"24.9,0", "24.96,1", "25.0,1", "30.0,1", "30.04,1", "30.1,3", "41,3"})
    void bmiPoints_readToOneDecimal(double bmi, int expected) {
        assertThat(points(base(40, Sex.MALE, bmi, 85))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"MALE,93,0", "MALE,94,3", "MALE,102,3", "MALE,103,4", "FEMALE,79,0", "FEMALE,80,3", "FEMALE,88,3",
            "FEMALE,89,4", "MALE,93.4,0", "MALE,93.5,3"})
    void waistPoints_bySex(Sex sex, double waist, int expected) {
        assertThat(points(base(40, sex, 22, waist))).isEqualTo(expected);
    }

    @Test
    void lifestyleHistoryAndFamily_scoreTheirPublishedPoints() {
        assertThat(points(FindriscInputs.of(40, Sex.MALE, 22, 85, false, true, false, false, FamilyHistory.NONE)))
                .as("inactive").isEqualTo(2);
        assertThat(points(FindriscInputs.of(40, Sex.MALE, 22, 85, true, false, false, false, FamilyHistory.NONE)))
                .as("no daily greens").isEqualTo(1);
        assertThat(points(FindriscInputs.of(40, Sex.MALE, 22, 85, true, true, true, false, FamilyHistory.NONE)))
                .as("antihypertensives").isEqualTo(2);
        assertThat(points(FindriscInputs.of(40, Sex.MALE, 22, 85, true, true, false, true, FamilyHistory.NONE)))
                .as("high glucose").isEqualTo(5);
        assertThat(points(FindriscInputs.of(40, Sex.MALE, 22, 85, true, true, false, false,
                FamilyHistory.SECOND_DEGREE))).as("grandparent, aunt, uncle, cousin").isEqualTo(3);
        assertThat(points(FindriscInputs.of(40, Sex.MALE, 22, 85, true, true, false, false,
                FamilyHistory.FIRST_DEGREE))).as("parent, sibling, child").isEqualTo(5);
    }

    @Test
    void everyRiskFactor_scoresTheMaximumOf26() {
        assertThat(points(FindriscInputs.of(70, Sex.MALE, 33, 110, false, false, true, true,
                FamilyHistory.FIRST_DEGREE))).isEqualTo(26);
    }

    @Test
    void aWorkedExample_58YearOldWomanWithAParentWithDiabetes_isModerate() {
        ScoreResult r = Findrisc.score(FindriscInputs.of(58, Sex.FEMALE, FindriscInputs.bmi(74, 164.5), 85, true,
                false, false, false, FamilyHistory.FIRST_DEGREE)).toResult().orElseThrow();
        // age 3 + BMI 27.3: 1 + waist 85: 3 + greens not daily 1 + parent 5 = 13
        assertThat(r.value()).isEqualTo(13);
        assertThat(r.band()).startsWith("moderate: about 1 in 6");
        assertThat(r.inputs()).hasSize(9);
    }

    @ParameterizedTest
    @CsvSource({"6,low", "7,slightly elevated", "11,slightly elevated", "12,moderate", "14,moderate", "15,high",
            "20,high", "21,very high"})
    void riskBands(int points, String band) {
        assertThat(Findrisc.band(points)).startsWith(band + ":");
    }

    @Test
    void bmi_isWeightOverHeightSquared() {
        assertThat(FindriscInputs.bmi(80, 180)).isCloseTo(24.69, within(0.01));
    }

    @Test
    void missingAnswers_areNamedInsteadOfGuessed() {
        FindriscInputs in = new FindriscInputs(Optional.of(50), Optional.of(Sex.MALE), Optional.empty(),
                Optional.empty(), Optional.of(true), Optional.of(true), Optional.of(false), Optional.of(false),
                Optional.empty());
        assertThat(Findrisc.score(in)).isEqualTo(new ScoreOutcome.Missing(Findrisc.MODEL, List.of("body-mass index",
                "waist circumference", "family history of diabetes")));
    }

    @Test
    void aMinorOrImplausibleMeasure_isRefused() {
        assertThat(Findrisc.score(base(16, Sex.MALE, 22, 85)).toResult().failure().code())
                .isEqualTo(ErrorCode.SCORE_INPUT_OUT_OF_RANGE);
        assertThat(Findrisc.score(base(40, Sex.MALE, 22, 900))).isInstanceOfSatisfying(ScoreOutcome.OutOfRange.class,
                r -> assertThat(r.validRange()).isEqualTo("40-250 cm"));
    }
}
