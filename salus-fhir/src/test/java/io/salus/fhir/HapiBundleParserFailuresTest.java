package io.salus.fhir;

import static io.salus.fhir.HapiBundleParserTest.PARSER;
import static io.salus.fhir.HapiBundleParserTest.failure;
import static io.salus.fhir.HapiBundleParserTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.testkit.Fixtures;
import org.junit.jupiter.api.Test;

class HapiBundleParserFailuresTest {

    static Failure fixture(String name) {
        return failure(PARSER.parse(Fixtures.bytes("invalid/" + name)));
    }

    @Test
    void bodyOverTheByteLimit_isTooLarge() {
        HapiBundleParser small = new HapiBundleParser(100, 10);
        assertThat(failure(small.parse(new byte[101])).code()).isEqualTo(ErrorCode.BODY_TOO_LARGE);
    }

    @Test
    void malformedJson_isInvalidJson() {
        Failure f = failure(parse("{\"resourceType\":\"Bundle\",\"entry\":["));
        assertThat(f.code()).isEqualTo(ErrorCode.INVALID_JSON);
        assertThat(f.issues()).singleElement().extracting(Failure.Issue::location).asString().contains("line 1");
    }

    @Test
    void anEmptyBody_isInvalidJson() {
        assertThat(failure(PARSER.parse(new byte[0])).code()).isEqualTo(ErrorCode.INVALID_JSON);
    }

    @Test
    void aResourceThatIsNotABundle_isNotABundle() {
        assertThat(fixture("not-a-bundle.json").code()).isEqualTo(ErrorCode.NOT_A_BUNDLE);
    }

    @Test
    void anUnknownResourceType_isNamedWithItsLocation() {
        Failure f = fixture("unknown-resource-type.json");
        assertThat(f.code()).isEqualTo(ErrorCode.UNKNOWN_RESOURCE_TYPE);
        assertThat(f.issues()).singleElement().satisfies(i -> {
            assertThat(i.message()).contains("Spaceship");
            assertThat(i.location()).isEqualTo("Bundle.entry[1].resource.resourceType");
        });
    }

    @Test
    void aBundleWithoutEntries_isEmpty() {
        assertThat(fixture("empty-bundle.json").code()).isEqualTo(ErrorCode.EMPTY_BUNDLE);
        assertThat(failure(parse("{\"resourceType\":\"Bundle\",\"type\":\"collection\"}")).code())
                .isEqualTo(ErrorCode.EMPTY_BUNDLE);
    }

    @Test
    void moreEntriesThanTheLimit_isTooManyResources() {
        HapiBundleParser small = new HapiBundleParser(1_000_000, 2);
        String json = Bundles.withPatient(Bundles.observation("laboratory", "a"),
                Bundles.observation("laboratory", "b"));
        assertThat(failure(small.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))).code())
                .isEqualTo(ErrorCode.TOO_MANY_RESOURCES);
    }

    @Test
    void anUnknownElement_isInvalidFhir() {
        Failure f = fixture("unknown-element.json");
        assertThat(f.code()).isEqualTo(ErrorCode.INVALID_FHIR);
        assertThat(f.detail()).contains("colour");
    }

    @Test
    void anInvalidElementValue_isInvalidFhir() {
        String obs = Bundles.observation("laboratory", "a").replace("\"status\":\"final\"",
                "\"status\":\"final\",\"issued\":\"yesterday\"");
        assertThat(failure(parse(Bundles.withPatient(obs))).code()).isEqualTo(ErrorCode.INVALID_FHIR);
    }

    @Test
    void anEntryWithoutResource_isInvalidFhir() {
        Failure f = failure(parse(Bundles.withPatient("{\"fullUrl\":\"urn:uuid:" + Bundles.uuid("z") + "\"}")));
        assertThat(f.code()).isEqualTo(ErrorCode.INVALID_FHIR);
        assertThat(f.issues()).extracting(Failure.Issue::location).contains("Bundle.entry[1].resource");
    }

    @Test
    void aNestedBundle_isNotAcceptedForDeposit() {
        String nested = "{\"fullUrl\":\"urn:uuid:" + Bundles.uuid("n") + "\",\"resource\":{\"resourceType\":"
                + "\"Bundle\",\"id\":\"n\",\"type\":\"collection\"}}";
        Failure f = failure(parse(Bundles.withPatient(nested)));
        assertThat(f.code()).isEqualTo(ErrorCode.INVALID_FHIR);
        assertThat(f.detail()).contains("resource type Bundle is not accepted for deposit");
    }

    @Test
    void aBundleWithoutPatient_isInvalidFhir() {
        assertThat(failure(parse(Bundles.bundle(Bundles.observation("laboratory", "a")))).code())
                .isEqualTo(ErrorCode.INVALID_FHIR);
    }

    @Test
    void aSecondPatient_isForeign() {
        Failure f = fixture("two-patients.json");
        assertThat(f.code()).isEqualTo(ErrorCode.FOREIGN_PATIENT);
        assertThat(f.issues()).singleElement().extracting(Failure.Issue::location)
                .isEqualTo("Bundle.entry[1].resource");
    }

    @Test
    void anObservationAboutAnotherPatientsUuid_isForeign() {
        Failure f = fixture("foreign-subject.json");
        assertThat(f.code()).isEqualTo(ErrorCode.FOREIGN_PATIENT);
        assertThat(f.issues()).singleElement().satisfies(i -> {
            assertThat(i.location()).isEqualTo("Bundle.entry[1].resource.subject");
            assertThat(i.message()).contains("Observation");
        });
    }

    @Test
    void anObservationAboutAPatientNotInTheBundle_isForeign() {
        String obs = Bundles.observation("laboratory", "a").replace(Bundles.PATIENT_URL, "Patient/someone-else");
        assertThat(failure(parse(Bundles.withPatient(obs))).code()).isEqualTo(ErrorCode.FOREIGN_PATIENT);
        String abs = Bundles.observation("laboratory", "b").replace(Bundles.PATIENT_URL,
                "https://other.example/fhir/Patient/42");
        assertThat(failure(parse(Bundles.withPatient(abs))).code()).isEqualTo(ErrorCode.FOREIGN_PATIENT);
        String cond = Bundles.observation("laboratory", "c").replace(Bundles.PATIENT_URL,
                "Patient?identifier=urn:example:mrn|B2");
        assertThat(failure(parse(Bundles.withPatient(cond))).code()).isEqualTo(ErrorCode.FOREIGN_PATIENT);
    }

    @Test
    void aBrokenUrnUuidReference_isBrokenAndNamesTheElement() {
        Failure f = fixture("broken-reference.json");
        assertThat(f.code()).isEqualTo(ErrorCode.BROKEN_REFERENCE);
        assertThat(f.issues()).singleElement().extracting(Failure.Issue::location)
                .isEqualTo("Bundle.entry[1].resource.encounter");
    }

    @Test
    void referencesToUnknownTypesOrMissingContainedResources_areBroken() {
        String badType = Bundles.observation("laboratory", "a").replace("\"status\":\"final\"",
                "\"status\":\"final\",\"encounter\":{\"reference\":\"Spaceship/1\"}");
        assertThat(failure(parse(Bundles.withPatient(badType))).code()).isEqualTo(ErrorCode.BROKEN_REFERENCE);
        String badContained = Bundles.observation("laboratory", "b").replace("\"status\":\"final\"",
                "\"status\":\"final\",\"encounter\":{\"reference\":\"#nowhere\"}");
        assertThat(failure(parse(Bundles.withPatient(badContained))).code()).isEqualTo(ErrorCode.BROKEN_REFERENCE);
        String badConditional = Bundles.observation("laboratory", "c").replace("\"status\":\"final\"",
                "\"status\":\"final\",\"performer\":[{\"reference\":\"Wizard?identifier=x|1\"}]");
        assertThat(failure(parse(Bundles.withPatient(badConditional))).code()).isEqualTo(ErrorCode.BROKEN_REFERENCE);
    }

    @Test
    void aReferenceToAContainedResource_resolves() {
        String obs = Bundles.observation("laboratory", "a").replace("\"status\":\"final\"",
                "\"contained\":[{\"resourceType\":\"Device\",\"id\":\"dev\"}],\"status\":\"final\","
                        + "\"device\":{\"reference\":\"#dev\"}");
        var result = parse(Bundles.withPatient(obs));
        assertThat(result.isOk()).as(() -> String.valueOf(result.isOk() ? "" : result.failure())).isTrue();
    }
}
