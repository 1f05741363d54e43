package io.salus.core.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.salus.core.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PooledCohortEquationsTest {

    /** The guideline's worked example (Goff et al. 2013, Table A): 55 years, TC 213, HDL 50, untreated SBP 120. */
    static PceInputs example(Sex sex, Race race) {
        return PceInputs.NONE.withAge(55).withSex(sex).withRace(race).withTotalCholesterol(213)
                .withHdlCholesterol(50).withSystolic(120, false).withSmoker(false).withDiabetes(false);
    }

    static ScoreResult scored(PceInputs in) {
        return PooledCohortEquations.estimate(in).toResult().orElseThrow();
    }

    @Nested
    class PublishedExample {
        /**
         * Table A's individual sums (each rounded to 2 decimals there) and 10-year risks. Computed at full precision
         * the white man's risk is 5.38 %, which rounds to 5.4 %: the table's 5.3 % comes from its rounded sum 60.69
         * (see {@link #theWhiteMansPublished5point3_followsFromTheTablesRoundedSum}).
         */
        @ParameterizedTest
        @CsvSource({"FEMALE,WHITE,WHITE_FEMALE,-29.67,2.05,2.1 %",
                "FEMALE,AFRICAN_AMERICAN,AFRICAN_AMERICAN_FEMALE,86.16,3.03,3.0 %",
                "MALE,WHITE,WHITE_MALE,60.69,5.38,5.4 %",
                "MALE,AFRICAN_AMERICAN,AFRICAN_AMERICAN_MALE,18.97,6.07,6.1 %"})
        void eachRaceSexEquation_reproducesTheGuidelinesSumAndRisk(Sex sex, Race race, PceGroup group,
                double publishedSum, double percent, String displayed) {
            double sum = group.individualSum(55, 213, 50, 120, false, false, false);
            assertThat(sum).isCloseTo(publishedSum, within(0.01));
            ScoreResult r = scored(example(sex, race));
            assertThat(r.value()).isCloseTo(percent, within(0.005));
            assertThat(r.displayed()).isEqualTo(displayed);
            assertThat(r.unit()).isEqualTo("%");
            assertThat(r.model().version()).isEqualTo("2013");
        }

        @Test
        void theWhiteMansPublished5point3_followsFromTheTablesRoundedSum() {
            assertThat(100 * PceGroup.WHITE_MALE.risk(60.69)).isCloseTo(5.33, within(0.005));
            assertThat(100 * PceGroup.WHITE_FEMALE.risk(-29.67)).isCloseTo(2.07, within(0.005));
            assertThat(100 * PceGroup.AFRICAN_AMERICAN_FEMALE.risk(86.16)).isCloseTo(3.00, within(0.005));
            assertThat(100 * PceGroup.AFRICAN_AMERICAN_MALE.risk(18.97)).isCloseTo(6.06, within(0.005));
        }

        @Test
        void theResultNamesItsModelEquationAndEveryInput() {
            ScoreResult r = scored(example(Sex.MALE, Race.WHITE));
            assertThat(r.model()).isEqualTo(PooledCohortEquations.MODEL);
            assertThat(r.inputs()).extracting(ScoreInput::name).containsExactly("age", "sex", "race",
                    "total cholesterol", "HDL cholesterol", "systolic blood pressure", "treated for hypertension",
                    "current smoker", "diabetes");
            assertThat(r.inputs()).contains(new ScoreInput("total cholesterol", "213.0 mg/dL"));
            assertThat(r.notes().get(0)).startsWith("equation: white male; individual sum 60.699");
            assertThat(r.band()).startsWith("borderline");
        }
    }

    /**
     * The same profile with an untreated systolic 140 mm Hg, against an independent implementation (the R package
     * CVrisk, {@code ascvd_10y_accaha}, whose tests give 2.76, 5.08, 7.01 and 7.95 %).
     */
    @ParameterizedTest
    @CsvSource({"FEMALE,WHITE,2.76", "FEMALE,AFRICAN_AMERICAN,5.08", "MALE,WHITE,7.01", "MALE,AFRICAN_AMERICAN,7.95"})
    void anIndependentImplementation_agreesAtSystolic140(Sex sex, Race race, double percent) {
        assertThat(scored(example(sex, race).withSystolic(140, false)).value()).isCloseTo(percent, within(0.005));
    }

    @Test
    void smokingDiabetesAndTreatment_eachRaiseTheRisk() {
        double base = scored(example(Sex.FEMALE, Race.WHITE)).value();
        assertThat(scored(example(Sex.FEMALE, Race.WHITE).withSmoker(true)).value()).isGreaterThan(base);
        assertThat(scored(example(Sex.FEMALE, Race.WHITE).withDiabetes(true)).value()).isGreaterThan(base);
        assertThat(scored(example(Sex.FEMALE, Race.WHITE).withSystolic(120, true)).value()).isGreaterThan(base);
    }

    @Test
    void otherRaces_useTheWhiteEquationAndSaySo() {
        ScoreResult other = scored(example(Sex.MALE, Race.OTHER));
        assertThat(other.value()).isEqualTo(scored(example(Sex.MALE, Race.WHITE)).value());
        assertThat(other.notes()).anySatisfy(n -> assertThat(n).contains("white equation is used"));
    }

    @Test
    void missingInputs_areNamedInsteadOfGuessed() {
        ScoreOutcome o = PooledCohortEquations.estimate(PceInputs.NONE.withAge(55).withSex(Sex.MALE)
                .withRace(Race.WHITE).withSystolic(130, false).withSmoker(false));
        assertThat(o).isEqualTo(new ScoreOutcome.Missing(PooledCohortEquations.MODEL, List.of(
                "total cholesterol", "HDL cholesterol", "diabetes")));
        assertThat(o.toResult().failure().code()).isEqualTo(ErrorCode.SCORE_INPUTS_MISSING);
    }

    @ParameterizedTest
    @CsvSource({"39,213,50,120,age", "80,213,50,120,age", "55,129,50,120,total cholesterol",
            "55,321,50,120,total cholesterol", "55,213,19,120,HDL cholesterol", "55,213,101,120,HDL cholesterol",
            "55,213,50,89,systolic blood pressure", "55,213,50,201,systolic blood pressure"})
    void inputsOutsideTheValidatedRanges_areRefused(int age, double tc, double hdl, double sbp, String input) {
        ScoreOutcome o = PooledCohortEquations.estimate(example(Sex.FEMALE, Race.WHITE).withAge(age)
                .withTotalCholesterol(tc).withHdlCholesterol(hdl).withSystolic(sbp, false));
        assertThat(o).isInstanceOfSatisfying(ScoreOutcome.OutOfRange.class, r -> assertThat(r.input()).isEqualTo(
                input));
        assertThat(o.toResult().failure().code()).isEqualTo(ErrorCode.SCORE_INPUT_OUT_OF_RANGE);
    }

    @Test
    void theBandsAreThe2018GuidelinesRiskCategories() {
        assertThat(PooledCohortEquations.band(4.99)).startsWith("low");
        assertThat(PooledCohortEquations.band(5.0)).startsWith("borderline");
        assertThat(PooledCohortEquations.band(7.5)).startsWith("intermediate");
        assertThat(PooledCohortEquations.band(20.0)).startsWith("high");
    }
}
