package io.salus.core.scores;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Cha2ds2VascTest {
    /** A 50-year-old man with none of the conditions: 0 points. */
    private static final Cha2ds2VascInputs NOTHING = Cha2ds2VascInputs.of(50, Sex.MALE, false, false, false, false,
            false);

    static int points(Cha2ds2VascInputs in) {
        return (int) Cha2ds2Vasc.score(in).toResult().orElseThrow().value();
    }

    @Test
    void eachCriterion_scoresItsPublishedPoints() {
        assertThat(points(NOTHING)).isZero();
        assertThat(points(Cha2ds2VascInputs.of(50, Sex.MALE, true, false, false, false, false))).as("C").isEqualTo(1);
        assertThat(points(Cha2ds2VascInputs.of(50, Sex.MALE, false, true, false, false, false))).as("H").isEqualTo(1);
        assertThat(points(Cha2ds2VascInputs.of(50, Sex.MALE, false, false, true, false, false))).as("D").isEqualTo(1);
        assertThat(points(Cha2ds2VascInputs.of(50, Sex.MALE, false, false, false, true, false))).as("S2").isEqualTo(2);
        assertThat(points(Cha2ds2VascInputs.of(50, Sex.MALE, false, false, false, false, true))).as("V").isEqualTo(1);
        assertThat(points(Cha2ds2VascInputs.of(50, Sex.FEMALE, false, false, false, false, false))).as("Sc")
                .isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"64,0", "65,1", "74,1", "75,2", "90,2"})
    void age_scoresOneFrom65AndTwoFrom75(int age, int expected) {
        assertThat(points(Cha2ds2VascInputs.of(age, Sex.MALE, false, false, false, false, false))).isEqualTo(expected);
    }

    @Test
    void everything_scoresTheMaximumOfNine() {
        assertThat(points(Cha2ds2VascInputs.of(80, Sex.FEMALE, true, true, true, true, true))).isEqualTo(9);
    }

    /**
     * The adjusted stroke rates (% per year) of the 2010 ESC guideline's table, score 0 to 9, each for a patient with
     * exactly that score (age, sex, heart failure, hypertension, diabetes, stroke/TIA, vascular disease).
     */
    @ParameterizedTest
    @CsvSource({"0,50,MALE,false,false,false,false,false,0.0", "1,50,FEMALE,false,false,false,false,false,1.3",
            "2,70,FEMALE,false,false,false,false,false,2.2", "3,80,FEMALE,false,false,false,false,false,3.2",
            "4,80,FEMALE,false,true,false,false,false,4.0", "5,80,FEMALE,false,true,true,false,false,6.7",
            "6,80,MALE,false,true,false,true,true,9.8", "7,80,FEMALE,true,true,false,true,false,9.6",
            "8,70,FEMALE,true,true,true,true,true,6.7", "9,80,FEMALE,true,true,true,true,true,15.2"})
    void theBand_isThePublishedStrokeRateForTheScore(int score, int age, Sex sex, boolean chf, boolean htn,
            boolean dm, boolean stroke, boolean vascular, String rate) {
        ScoreResult r = Cha2ds2Vasc.score(Cha2ds2VascInputs.of(age, sex, chf, htn, dm, stroke, vascular)).toResult()
                .orElseThrow();
        assertThat(r.value()).isEqualTo(score);
        assertThat(r.band()).isEqualTo("adjusted stroke rate " + rate + " % per year");
    }

    @Test
    void missingCriteria_areNamed() {
        Cha2ds2VascInputs in = new Cha2ds2VascInputs(Optional.of(70), Optional.of(Sex.FEMALE), Optional.of(false),
                Optional.empty(), Optional.of(false), Optional.empty(), Optional.of(false));
        assertThat(Cha2ds2Vasc.score(in)).isEqualTo(new ScoreOutcome.Missing(Cha2ds2Vasc.MODEL, List.of(
                "hypertension", "stroke, TIA or thromboembolism")));
    }

    @Test
    void aMinor_isRefused() {
        assertThat(Cha2ds2Vasc.score(Cha2ds2VascInputs.of(17, Sex.MALE, false, false, false, false, false))
                .toResult().failure().code()).isEqualTo(ErrorCode.SCORE_INPUT_OUT_OF_RANGE);
    }
}
