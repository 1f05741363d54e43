package io.salus.fhir.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.scores.FamilyHistory;
import io.salus.core.scores.Findrisc;
import io.salus.core.scores.FindriscAnswers;
import io.salus.core.scores.RiskEvidence;
import io.salus.core.scores.ScoreOutcome;
import io.salus.testkit.RiskBundles;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

class FindriscQuestionnaireTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final LocalDate TODAY = LocalDate.parse("2026-12-06");
    private final HapiRiskFhir risk = new HapiRiskFhir(FHIR);

    static byte[] response(String questionnaire, String items) {
        return ("""
                {"resourceType":"QuestionnaireResponse","questionnaire":"%s","status":"completed","item":[%s]}"""
                .formatted(questionnaire, items)).getBytes(StandardCharsets.UTF_8);
    }

    static final String ANSWERS = """
            {"linkId":"physical-activity","answer":[{"valueBoolean":false}]},
            {"linkId":"vegetables-fruit-berries","answer":[{"valueBoolean":true}]},
            {"linkId":"family-history","answer":[{"valueCoding":{"system":"urn:salus:findrisc:family-history",
             "code":"first-degree"}}]},
            {"linkId":"high-blood-glucose","answer":[{"valueBoolean":false}]},
            {"linkId":"antihypertensive-medication","answer":[{"valueBoolean":true}]}""";

    private static List<byte[]> records(byte[] bundle) {
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, new String(bundle, StandardCharsets.UTF_8));
        List<byte[]> out = new ArrayList<>();
        b.getEntry().forEach(e -> out.add(FHIR.newJsonParser().encodeResourceToString(e.getResource()).getBytes(
                StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void theThreeAnswersAndAWaistInInches_areRead() {
        FindriscAnswers a = risk.findriscAnswers(response(FindriscQuestionnaireReader.QUESTIONNAIRE, ANSWERS + """
                ,{"linkId":"waist-circumference","answer":[{"valueQuantity":{"value":34,"system":
                "http://unitsofmeasure.org","code":"[in_i]"}}]}""")).orElseThrow();
        assertThat(a.physicallyActive()).contains(false);
        assertThat(a.dailyVegetablesOrFruit()).contains(true);
        assertThat(a.familyHistory()).contains(FamilyHistory.FIRST_DEGREE);
        assertThat(a.waistCm().orElseThrow()).isCloseTo(86.36, offset(1e-9));
    }

    @Test
    void answersFillTheGaps_soFindriscIsComputedOnTheWorkedExample_withTheAnswersInItsBasis() {
        RiskEvidence read = risk.evidence(records(RiskBundles.workedExample("q-1", TODAY)), TODAY);
        assertThat(Findrisc.score(read.findrisc())).isInstanceOf(ScoreOutcome.Missing.class);
        FindriscAnswers a = risk.findriscAnswers(response(FindriscQuestionnaireReader.QUESTIONNAIRE, ANSWERS))
                .orElseThrow();
        RiskEvidence merged = a.applyTo(read, "QuestionnaireResponse/q1");
        ScoreOutcome outcome = Findrisc.score(merged.findrisc());
        assertThat(outcome).isInstanceOf(ScoreOutcome.Scored.class);
        // age 55: 3, BMI 24.3: 0, waist 79 cm (woman): 0, inactive: 2, vegetables daily: 0, parent with diabetes: 5,
        // high glucose never (answered): 0; antihypertensives: the records say never (0), the answer "yes" loses
        assertThat(((ScoreOutcome.Scored) outcome).result().value()).isEqualTo(10.0);
        assertThat(merged.basis().get("high blood glucose ever").display()).contains("answer: false");
        assertThat(merged.basis().get("antihypertensive medication ever").reference()).as("the records win")
                .isNotEqualTo("QuestionnaireResponse/q1");
        assertThat(merged.basis().get("family history of diabetes").reference()).isEqualTo(
                "QuestionnaireResponse/q1");
        assertThat(merged.findrisc().waistCm()).as("the records' waist wins over no answer").contains(79.0);
    }

    @Test
    void anotherQuestionnaire_anUnknownItem_aWrongType_andNoAnswer_areRefusedNamingWhatIsWrong() {
        assertRefused(response("urn:other", ANSWERS), "questionnaire");
        assertRefused(response(FindriscQuestionnaireReader.QUESTIONNAIRE, """
                {"linkId":"smoker","answer":[{"valueBoolean":true}]}"""), "smoker");
        assertRefused(response(FindriscQuestionnaireReader.QUESTIONNAIRE, """
                {"linkId":"physical-activity","answer":[{"valueString":"often"}]}"""), "physical-activity");
        assertRefused(response(FindriscQuestionnaireReader.QUESTIONNAIRE, """
                {"linkId":"family-history","answer":[{"valueCoding":{"system":"urn:salus:findrisc:family-history",
                 "code":"cousin"}}]}"""), "family-history");
        assertRefused(response(FindriscQuestionnaireReader.QUESTIONNAIRE, ""), "no question");
        assertRefused("{\"resourceType\":\"Patient\"}".getBytes(StandardCharsets.UTF_8), "QuestionnaireResponse");
        assertRefused("not json".getBytes(StandardCharsets.UTF_8), "FHIR");
    }

    private void assertRefused(byte[] json, String naming) {
        Result<FindriscAnswers> r = risk.findriscAnswers(json);
        assertThat(r.isOk()).isFalse();
        assertThat(r.failure().code()).isEqualTo(ErrorCode.RISK_ANSWERS_INVALID);
        assertThat(r.failure().detail()).contains(naming);
    }
}
