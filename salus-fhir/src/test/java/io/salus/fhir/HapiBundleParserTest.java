package io.salus.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.BundleParser.ParsedBundle;
import io.salus.core.port.BundleParser.ParsedResource;
import io.salus.core.record.Category;
import io.salus.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HapiBundleParserTest {

    static final HapiBundleParser PARSER = new HapiBundleParser();

    static Result<ParsedBundle> parse(String json) {
        return PARSER.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static Failure failure(Result<ParsedBundle> result) {
        assertThat(result.isOk()).as("expected a failure").isFalse();
        return result.failure();
    }

    @Test
    void everySyntheaFixture_parsesIntoCategorisedRecords() {
        for (String name : Fixtures.syntheaBundles()) {
            Result<ParsedBundle> result = PARSER.parse(Fixtures.bytes(name));
            assertThat(result.isOk()).as(name + ": " + (result.isOk() ? "" : result.failure())).isTrue();
            ParsedBundle bundle = result.orElseThrow();
            assertThat(bundle.resources()).as(name).isNotEmpty();
            assertThat(bundle.resources().stream().filter(r -> r.resourceType().equals("Patient"))).hasSize(1);
            assertThat(bundle.resources()).allSatisfy(r -> {
                assertThat(r.fhirId()).isNotBlank();
                assertThat(new String(r.json(), StandardCharsets.UTF_8)).startsWith("{\"resourceType\":\""
                        + r.resourceType() + "\"");
            });
        }
    }

    @Test
    void knownResourceTypes_getTheirCategories() {
        ParsedBundle bundle = PARSER.parse(Fixtures.bytes(Fixtures.syntheaBundles().get(0))).orElseThrow();
        Map<String, java.util.Set<Category>> byType = bundle.resources().stream().collect(Collectors
                .groupingBy(ParsedResource::resourceType, Collectors.mapping(ParsedResource::category,
                        Collectors.toSet())));
        assertThat(byType.get("Patient")).containsExactly(Category.DEMOGRAPHICS);
        assertThat(byType.get("Encounter")).containsExactly(Category.ENCOUNTERS);
        assertThat(byType.get("Condition")).containsExactly(Category.CONDITIONS);
        assertThat(byType.get("Observation")).contains(Category.VITAL_SIGNS);
    }

    @Test
    void vitalSignAndLaboratoryObservations_areSplitByCategoryCode() {
        ParsedBundle bundle = parse(Bundles.withPatient(Bundles.observation("vital-signs", "o1"),
                Bundles.observation("laboratory", "o2"))).orElseThrow();
        assertThat(bundle.resources()).filteredOn(r -> r.resourceType().equals("Observation"))
                .extracting(ParsedResource::fhirId, ParsedResource::category)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("o1", Category.VITAL_SIGNS),
                        org.assertj.core.groups.Tuple.tuple("o2", Category.LAB_RESULTS));
    }

    @Test
    void patientIdentifiers_areExtractedAsSystemBarValue() {
        ParsedBundle bundle = parse(Bundles.withPatient()).orElseThrow();
        assertThat(bundle.patientIdentifiers()).containsExactly("urn:example:mrn|A1");
        ParsedBundle synthea = PARSER.parse(Fixtures.bytes(Fixtures.syntheaBundles().get(0))).orElseThrow();
        assertThat(synthea.patientIdentifiers())
                .anyMatch(i -> i.startsWith("https://github.com/synthetichealth/synthea|"));
    }

    @Test
    void directoryResources_areSkippedNotReturned() {
        String org = "{\"fullUrl\":\"urn:uuid:55555555-5555-4555-8555-555555555555\",\"resource\":"
                + "{\"resourceType\":\"Organization\",\"id\":\"55555555-5555-4555-8555-555555555555\",\"name\":\"Clinic\"}}";
        String enc = "{\"fullUrl\":\"urn:uuid:66666666-6666-4666-8666-666666666666\",\"resource\":{\"resourceType\":"
                + "\"Encounter\",\"id\":\"66666666-6666-4666-8666-666666666666\",\"status\":\"finished\",\"class\":"
                + "{\"code\":\"AMB\"},\"subject\":{\"reference\":\"" + Bundles.PATIENT_URL + "\"},"
                + "\"serviceProvider\":{\"reference\":\"urn:uuid:55555555-5555-4555-8555-555555555555\"}}}";
        ParsedBundle bundle = parse(Bundles.withPatient(org, enc)).orElseThrow();
        assertThat(bundle.skipped()).isEqualTo(1);
        assertThat(bundle.resources()).extracting(ParsedResource::resourceType).containsExactly("Patient",
                "Encounter");
    }

    @Test
    void resourceWithoutId_takesTheUuidOfItsFullUrl() {
        String obs = Bundles.observation("laboratory", "x").replace("\"id\":\"x\",", "");
        ParsedBundle bundle = parse(Bundles.withPatient(obs)).orElseThrow();
        assertThat(bundle.resources().get(1).fhirId()).isEqualTo(Bundles.uuid("x"));
        assertThat(new String(bundle.resources().get(1).json(), java.nio.charset.StandardCharsets.UTF_8))
                .as("the stored resource carries that id").contains("\"id\":\"" + Bundles.uuid("x") + "\"");
    }

    @Test
    void relativeAndConditionalPatientReferences_toTheBundlePatient_areAccepted() {
        String rel = Bundles.observation("laboratory", "a").replace(Bundles.PATIENT_URL,
                "Patient/" + Bundles.PATIENT_ID);
        String cond = Bundles.observation("laboratory", "b").replace(Bundles.PATIENT_URL,
                "Patient?identifier=urn:example:mrn|A1");
        var parsed = parse(Bundles.transactionWithPatient(rel, cond));
        assertThat(parsed.isOk()).as(String.valueOf(parsed)).isTrue();
    }

    @Test
    void conditionalReferencesToPractitioners_areExternalAndAccepted() {
        String obs = Bundles.observation("laboratory", "a").replace("\"status\":\"final\"",
                "\"status\":\"final\",\"performer\":[{\"reference\":\"Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|999\"}]");
        var parsed = parse(Bundles.transactionWithPatient(obs));
        assertThat(parsed.isOk()).as(String.valueOf(parsed)).isTrue();
    }
}
