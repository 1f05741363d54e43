package io.salus.fhir.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.BundleParser.ParsedBundle;
import io.salus.fhir.HapiBundleParser;
import io.salus.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The attacks FHIR R4's own rules stop at deposit: each refused with 422 and the offending path. */
class R4RulesAttackTest {
    static final HapiBundleParser PARSER = new HapiBundleParser();
    static final String PATIENT = "{\"fullUrl\":\"urn:uuid:11111111-1111-4111-8111-111111111111\",\"resource\":"
            + "{\"resourceType\":\"Patient\",\"id\":\"%s\"%s,\"identifier\":[{\"system\":\"urn:example:mrn\","
            + "\"value\":\"A1\"}]}}";

    static String bundle(String id, String extra) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + PATIENT.formatted(id, extra)
                + "]}";
    }

    static Failure refused(String json) {
        Result<ParsedBundle> r = PARSER.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(r.isOk()).as("expected a refusal").isFalse();
        return r.failure();
    }

    @Test
    void pathTraversalInAPatientId_isRefusedAtTheIdsPath() {
        Failure f = refused(bundle("../../../../etc/passwd", ""));
        assertThat(f.code()).isEqualTo(ErrorCode.INVALID_FHIR);
        assertThat(f.code().httpStatus()).isEqualTo(422);
        assertThat(f.issues()).extracting(Failure.Issue::location).contains("Bundle.entry[0].resource.id");
        assertThat(f.issues()).extracting(Failure.Issue::location).noneMatch(l -> l.contains("passwd"));
    }

    @Test
    void aScriptInTheNarrative_isRefusedAtTheNarrativesPath() {
        String text = ",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">"
                + "<script>alert(1)</script></div>\"}";
        Failure f = refused(bundle("p1", text));
        assertThat(f.code()).isEqualTo(ErrorCode.INVALID_FHIR);
        assertThat(f.issues()).extracting(Failure.Issue::location).contains("Bundle.entry[0].resource.text.div");
        assertThat(f.issues()).extracting(Failure.Issue::message).anyMatch(m -> m.contains("txt-1"));
    }

    @Test
    void anEventHandlerAttributeInTheNarrative_isRefused() {
        String text = ",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">"
                + "<p onclick=\\\"alert(1)\\\">x</p></div>\"}";
        assertThat(refused(bundle("p1", text)).code()).isEqualTo(ErrorCode.INVALID_FHIR);
    }

    @Test
    void anOverlongId_isRefused() {
        assertThat(refused(bundle("a".repeat(65), "")).code()).isEqualTo(ErrorCode.INVALID_FHIR);
    }

    @Test
    void aDateThatIsNoDate_isRefusedAtItsPath() {
        Failure f = refused(bundle("p1", ",\"birthDate\":\"1970-13-45\""));
        assertThat(f.code()).isEqualTo(ErrorCode.INVALID_FHIR);
        assertThat(f.issues()).extracting(Failure.Issue::location).anyMatch(l -> l.contains("birthDate"));
    }

    @Test
    void aWellFormedPatient_passes() {
        Result<ParsedBundle> r = PARSER.parse(bundle("p-1.A", ",\"birthDate\":\"1970-01-02\"")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.isOk()).as(String.valueOf(r)).isTrue();
    }

    @Test
    void theSyntheaFixtures_passTheR4Rules() {
        R4Validator v = R4Validator.forR4();
        for (String name : Fixtures.syntheaBundles()) {
            Result<String> r = v.validate(Fixtures.string(name));
            assertThat(r.isOk()).as(name + ": " + r).isTrue();
        }
    }

    @Test
    void withTheRulesSwitchedOff_onlyTheValidatorStoodBetweenTheScriptAndTheStore() {
        String text = ",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">"
                + "<script>alert(1)</script></div>\"}";
        HapiBundleParser lenient = new HapiBundleParser(HapiBundleParser.DEFAULT_MAX_BODY_BYTES, 100, false);
        assertThat(lenient.parse(bundle("p1", text).getBytes(StandardCharsets.UTF_8)).isOk()).isTrue();
    }
}
