package io.salus.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.cohort.CodeSystems;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.PatientFacts;
import io.salus.core.port.BundleParser.ParsedResource;
import io.salus.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {
    private final FeatureExtractor extractor = new FeatureExtractor();

    private List<Feature> extract(String type, String json) {
        return extractor.extract(type, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void conditionGivesOneFeaturePerSupportedCodingDatedByOnset() {
        List<Feature> f = extract("Condition", """
                {"resourceType":"Condition","text":{"div":"<div>x</div>"},
                 "code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006"},
                                   {"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"E11.9"},
                                   {"system":"http://example.org/local","code":"X1"}]},
                 "onsetDateTime":"2019-04-02T10:00:00-05:00","recordedDate":"2020-01-01"}""");
        assertThat(f).containsExactly(
                Feature.coded(FeatureKind.CONDITION, CodeSystems.SNOMED_CT, "44054006",
                        Optional.of(LocalDate.of(2019, 4, 2))),
                Feature.coded(FeatureKind.CONDITION, CodeSystems.ICD_10_CM, "E11.9",
                        Optional.of(LocalDate.of(2019, 4, 2))));
    }

    @Test
    void conditionWithoutOnsetIsDatedByRecordedDateAndPartialDatesStartThePeriod() {
        assertThat(extract("Condition", """
                {"code":{"coding":[{"system":"http://snomed.info/sct","code":"1"}]},"recordedDate":"2020-03"}""")
                .getFirst().date()).contains(LocalDate.of(2020, 3, 1));
        assertThat(extract("Condition", """
                {"code":{"coding":[{"system":"http://snomed.info/sct","code":"1"}]},"onsetPeriod":{"start":"2011"}}""")
                .getFirst().date()).contains(LocalDate.of(2011, 1, 1));
    }

    @Test
    void bloodPressureGivesThePanelAndEachComponentWithValueAndUcumUnit() {
        List<Feature> f = extract("Observation", """
                {"resourceType":"Observation","code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},
                 "effectiveDateTime":"2022-02-03T17:06:40+00:00",
                 "component":[
                   {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},
                    "valueQuantity":{"value":82,"unit":"mm[Hg]","system":"http://unitsofmeasure.org","code":"mm[Hg]"}},
                   {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},
                    "valueQuantity":{"value":131.5,"unit":"millimeter of mercury"}}]}""");
        Optional<LocalDate> d = Optional.of(LocalDate.of(2022, 2, 3));
        assertThat(f).containsExactly(Feature.coded(FeatureKind.OBSERVATION, CodeSystems.LOINC, "85354-9", d),
                new Feature(FeatureKind.OBSERVATION, CodeSystems.LOINC, "8462-4", Optional.of(82.0),
                        Optional.of("mm[Hg]"), d),
                new Feature(FeatureKind.OBSERVATION, CodeSystems.LOINC, "8480-6", Optional.of(131.5),
                        Optional.of("millimeter of mercury"), d));
    }

    @Test
    void medicationsAreReadFromEveryMedicationTypeButNotFromReferences() {
        String concept = """
                "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"860975"}]}""";
        assertThat(extract("MedicationRequest", "{" + concept + ",\"authoredOn\":\"2021-05-06T01:02:03Z\"}"))
                .extracting(Feature::code, Feature::date)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("860975", Optional.of(LocalDate.of(2021, 5, 6))));
        assertThat(extract("MedicationStatement", "{" + concept + ",\"effectivePeriod\":{\"start\":\"2021-05-07\"}}"))
                .extracting(Feature::date).containsExactly(Optional.of(LocalDate.of(2021, 5, 7)));
        assertThat(extract("MedicationAdministration", "{" + concept + "}"))
                .extracting(Feature::kind, Feature::date)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FeatureKind.MEDICATION, Optional.empty()));
        assertThat(extract("MedicationRequest", "{\"medicationReference\":{\"reference\":\"Medication/1\"}}"))
                .isEmpty();
    }

    @Test
    void proceduresAndImmunizationsAreDatedWhenPerformedOrGiven() {
        assertThat(extract("Procedure", """
                {"code":{"coding":[{"system":"http://snomed.info/sct","code":"117015009"}]},
                 "performedPeriod":{"start":"2022-02-03T17:06:40+00:00","end":"2022-02-04"}}"""))
                .containsExactly(Feature.coded(FeatureKind.PROCEDURE, CodeSystems.SNOMED_CT, "117015009",
                        Optional.of(LocalDate.of(2022, 2, 3))));
        assertThat(extract("Immunization", """
                {"vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"140"}]},
                 "occurrenceDateTime":"2022-08-13"}"""))
                .containsExactly(Feature.coded(FeatureKind.IMMUNIZATION, CodeSystems.CVX, "140",
                        Optional.of(LocalDate.of(2022, 8, 13))));
    }

    @Test
    void otherResourceTypesGiveNothingWithoutBeingRead() {
        assertThat(extract("Encounter", "not even JSON")).isEmpty();
    }

    @Test
    void malformedValuesAndDatesAreLeftOutRatherThanGuessed() {
        List<Feature> f = extract("Observation", """
                {"code":{"coding":[{"system":"http://loinc.org","code":"4548-4"},{"system":"http://loinc.org"}]},
                 "valueQuantity":{"value":"high","unit":"%"},"effectiveDateTime":"2022-13-40"}""");
        assertThat(f).containsExactly(Feature.coded(FeatureKind.OBSERVATION, CodeSystems.LOINC, "4548-4",
                Optional.empty()));
        assertThatThrownBy(() -> extract("Observation", "[1]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void patientFactsAreBirthDateAndGender() {
        assertThat(extractor.facts("""
                {"resourceType":"Patient","gender":"female","birthDate":"1961-07-30"}"""
                .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new PatientFacts(Optional.of(LocalDate.of(1961, 7, 30)), Optional.of("female")));
        assertThat(extractor.facts("{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(PatientFacts.UNKNOWN);
    }

    @Test
    void everySyntheaFixtureYieldsDatedFeaturesOfEveryKind() {
        HapiBundleParser parser = new HapiBundleParser();
        for (String name : Fixtures.syntheaBundles()) {
            List<ParsedResource> resources = parser.parse(Fixtures.bytes(name)).orElseThrow().resources();
            List<Feature> all = resources.stream().flatMap(r -> extractor.extract(r.resourceType(), r.json()).stream())
                    .toList();
            assertThat(all).as(name).extracting(Feature::kind).contains(FeatureKind.CONDITION,
                    FeatureKind.OBSERVATION, FeatureKind.IMMUNIZATION);
            assertThat(all).as(name).allSatisfy(f -> assertThat(f.date()).isPresent());
            assertThat(all).as(name).filteredOn(f -> f.value().isPresent()).allSatisfy(f -> assertThat(f.unit())
                    .isPresent());
            ParsedResource patient = resources.stream().filter(r -> r.resourceType().equals("Patient")).findFirst()
                    .orElseThrow();
            assertThat(extractor.facts(patient.json()).birthDate()).as(name).isPresent();
        }
    }
}
