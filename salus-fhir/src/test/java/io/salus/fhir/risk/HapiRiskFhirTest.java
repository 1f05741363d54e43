package io.salus.fhir.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.scores.Cha2ds2Vasc;
import io.salus.core.scores.Findrisc;
import io.salus.core.scores.PooledCohortEquations;
import io.salus.core.scores.Race;
import io.salus.core.scores.RiskEvidence;
import io.salus.core.scores.ScoreOutcome;
import io.salus.core.scores.Sex;
import io.salus.fhir.validation.R4Validator;
import io.salus.testkit.RiskBundles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.junit.jupiter.api.Test;

class HapiRiskFhirTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final LocalDate TODAY = LocalDate.parse("2026-12-06");
    private static final Instant AT = Instant.parse("2026-12-06T07:00:00Z");
    private static final Account PATIENT = new Account(AccountId.random(), AccountKind.PATIENT, "Alex Risk",
            new EvmAddress("0x" + "b".repeat(40)), "did:pkh:eip155:31337:0x" + "b".repeat(40), new byte[32],
            Instant.parse("2026-01-01T00:00:00Z"));
    private final HapiRiskFhir risk = new HapiRiskFhir(FHIR);

    /** The bundle's resources as the record store holds them: one JSON document per resource. */
    private static List<byte[]> records(byte[] bundle) {
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, new String(bundle, StandardCharsets.UTF_8));
        List<byte[]> out = new ArrayList<>();
        b.getEntry().forEach(e -> out.add(FHIR.newJsonParser().encodeResourceToString(e.getResource()).getBytes(
                StandardCharsets.UTF_8)));
        return out;
    }

    private RiskEvidence evidence() {
        return risk.evidence(records(RiskBundles.workedExample("r-1", TODAY)), TODAY);
    }

    private RiskAssessment render(ScoreOutcome outcome, RiskEvidence evidence) {
        String json = new String(risk.assessment(PATIENT, outcome, evidence, AT), StandardCharsets.UTF_8);
        assertThat(R4Validator.forR4().validate(json).isOk()).as(() -> R4Validator.forR4().validate(json).failure()
                .toString()).isTrue();
        return FHIR.newJsonParser().parseResource(RiskAssessment.class, json);
    }

    @Test
    void records_giveTheWorkedExamplesInputs_latestValueWins_andUnknownAnswersStayUnknown() {
        RiskEvidence e = evidence();
        assertThat(e.pce().age()).contains(55);
        assertThat(e.pce().sex()).contains(Sex.FEMALE);
        assertThat(e.pce().race()).contains(Race.WHITE);
        assertThat(e.pce().totalCholesterol()).contains(213.0);
        assertThat(e.pce().hdlCholesterol()).contains(50.0);
        assertThat(e.pce().systolic()).contains(120.0);
        assertThat(e.pce().treatedHypertension()).contains(false);
        assertThat(e.pce().smoker()).contains(false);
        assertThat(e.pce().diabetes()).contains(false);
        assertThat(e.findrisc().physicallyActive()).isEmpty();
        assertThat(e.findrisc().familyHistory()).isEmpty();
        assertThat(risk.evidence(List.of(), TODAY).pce().diabetes()).as("no problem list: unknown, not absent")
                .isEqualTo(Optional.empty());
    }

    @Test
    void pooledCohortAssessment_isR4Valid_namesModelAndVersion_andGivesThePublished2point1Percent() {
        RiskEvidence e = evidence();
        RiskAssessment ra = render(PooledCohortEquations.estimate(e.pce()), e);
        assertThat(ra.getStatus()).isEqualTo(RiskAssessment.RiskAssessmentStatus.FINAL);
        assertThat(ra.getMethod().getCodingFirstRep().getSystem()).isEqualTo(HapiRiskFhir.METHOD_SYSTEM);
        assertThat(ra.getMethod().getCodingFirstRep().getCode()).isEqualTo("pce");
        assertThat(ra.getMethod().getCodingFirstRep().getVersion()).isEqualTo("2013");
        assertThat(ra.getPredictionFirstRep().getProbabilityDecimalType().getValue().doubleValue()).isBetween(0.0195,
                0.0215);
        assertThat(ra.getPredictionFirstRep().getRationale()).startsWith("2.1 %");
        assertThat(ra.getSubject().getIdentifier().getValue()).isEqualTo(PATIENT.did());
        assertThat(ra.getBasis()).hasSize(9);
        assertThat(ra.getBasis()).extracting(Reference::getReference).filteredOn(r -> r != null && r.startsWith(
                "Observation/")).hasSize(4);
        assertThat(ra.getBasis()).extracting(Reference::getDisplay).anyMatch(d -> d.startsWith(
                "total cholesterol: 213.0 mg/dL"));
    }

    @Test
    void cha2ds2VascAssessment_givesOnePointForAWomanWithoutTheCountedConditions() {
        RiskEvidence e = evidence();
        RiskAssessment ra = render(Cha2ds2Vasc.score(e.cha2ds2Vasc()), e);
        assertThat(ra.getMethod().getCodingFirstRep().getCode()).isEqualTo("cha2ds2-vasc");
        assertThat(ra.getMethod().getCodingFirstRep().getVersion()).isEqualTo("2010");
        assertThat(ra.getPredictionFirstRep().getRationale()).startsWith("1 points");
        assertThat(ra.getNote()).extracting(n -> n.getText()).anyMatch(t -> t.contains("taken as absent"));
    }

    @Test
    void findriscWithoutQuestionnaireAnswers_isNotComputed_andNamesTheMissingInputs() {
        RiskEvidence e = evidence();
        RiskAssessment ra = render(Findrisc.score(e.findrisc()), e);
        assertThat(ra.getStatus()).isEqualTo(RiskAssessment.RiskAssessmentStatus.REGISTERED);
        assertThat(ra.getMethod().getCodingFirstRep().getVersion()).isEqualTo("2003");
        assertThat(ra.getPrediction()).isEmpty();
        assertThat(ra.getNoteFirstRep().getText()).contains("not computed", "physically active 30 minutes daily",
                "family history of diabetes").doesNotContain("body-mass index");
    }

    @Test
    void mmolPerLitreIcd10AndAnActiveAntihypertensive_areRead_andRaceWithoutTheExtensionStaysUnknown() {
        List<byte[]> records = List.of(json("""
                {"resourceType":"Patient","id":"p1","gender":"male","birthDate":"1966-01-01"}"""), json("""
                {"resourceType":"Observation","id":"o1","status":"final","code":{"coding":[{"system":
                "http://loinc.org","code":"2093-3"}]},"effectiveDateTime":"2026-01-01","valueQuantity":{"value":5.5,
                "system":"http://unitsofmeasure.org","code":"mmol/L"}}"""), json("""
                {"resourceType":"Condition","id":"c1","code":{"coding":[{"system":
                "http://hl7.org/fhir/sid/icd-10-cm","code":"E11.9"}]},"subject":{"reference":"Patient/p1"}}"""),
                json("""
                        {"resourceType":"MedicationStatement","id":"m1","status":"active","medicationCodeableConcept":
                        {"text":"Lisinopril 10 MG Oral Tablet"},"subject":{"reference":"Patient/p1"}}"""));
        RiskEvidence e = risk.evidence(records, TODAY);
        assertThat(e.pce().age()).contains(60);
        assertThat(e.pce().totalCholesterol().orElseThrow()).isCloseTo(212.685, offset(1e-6));
        assertThat(e.pce().diabetes()).contains(true);
        assertThat(e.cha2ds2Vasc().hypertension()).as("a drug is not a diagnosis").contains(false);
        assertThat(e.pce().treatedHypertension()).contains(true);
        assertThat(e.findrisc().highGlucoseEver()).contains(true);
        assertThat(e.pce().race()).isEmpty();
        assertThat(e.basis().get("treated for hypertension").reference()).isEqualTo("MedicationStatement/m1");
    }

    @Test
    void aScoreOutsideItsValidatedRange_isRegisteredWithoutPrediction_andSaysWhichInput() {
        RiskEvidence e = evidence();
        RiskAssessment ra = render(PooledCohortEquations.estimate(e.pce().withAge(30)), e);
        assertThat(ra.getStatus()).isEqualTo(RiskAssessment.RiskAssessmentStatus.REGISTERED);
        assertThat(ra.getPrediction()).isEmpty();
        assertThat(ra.getNoteFirstRep().getText()).contains("age 30 years is outside 40-79 years");
    }

    @Test
    void codingsWithoutCodesOrDisplays_giveUnknownInputs_notAFailedRequest() {
        List<byte[]> records = List.of(json("""
                {"resourceType":"Patient","id":"p2","gender":"unknown","extension":[{"url":
                "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race","extension":[{"url":"ombCategory",
                "valueCoding":{"system":"urn:oid:2.16.840.1.113883.6.238"}}]}]}"""), json("""
                {"resourceType":"Observation","id":"o2","status":"final","code":{"coding":[{"system":
                "http://loinc.org"}]},"valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct"}]}}"""),
                json("""
                        {"resourceType":"Condition","id":"c2","verificationStatus":{"coding":[{"system":
                        "http://terminology.hl7.org/CodeSystem/condition-ver-status"}]},"code":{"coding":[{"system":
                        "http://snomed.info/sct"}]},"subject":{"reference":"Patient/p2"}}"""), json("{}"));
        RiskEvidence e = risk.evidence(records, TODAY);
        assertThat(e.pce().sex()).isEmpty();
        assertThat(e.pce().race()).isEmpty();
        assertThat(e.pce().smoker()).isEmpty();
        assertThat(e.pce().diabetes()).contains(false);
        assertThat(render(PooledCohortEquations.estimate(e.pce()), e).getNoteFirstRep().getText()).contains("sex",
                "race");
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
