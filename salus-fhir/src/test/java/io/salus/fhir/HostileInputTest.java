package io.salus.fhir;

import static io.salus.fhir.HapiBundleParserTest.PARSER;
import static io.salus.fhir.HapiBundleParserTest.failure;
import static io.salus.fhir.HapiBundleParserTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HostileInputTest {

    @Test
    void thousandsOfOpenBrackets_areInvalidJsonWithoutStackOverflow() {
        assertThat(failure(parse("[".repeat(100_000))).code()).isEqualTo(ErrorCode.INVALID_JSON);
        String deep = "{\"resourceType\":\"Bundle\",\"entry\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        assertThat(failure(parse(deep)).code()).isEqualTo(ErrorCode.INVALID_JSON);
    }

    @Test
    void hugeNumbers_areRefused() {
        String longNumber = Bundles.withPatient(Bundles.observation("laboratory", "a").replace("\"status\":\"final\"",
                "\"status\":\"final\",\"valueQuantity\":{\"value\":" + "9".repeat(5_000) + "}"));
        assertThat(failure(parse(longNumber)).code()).isEqualTo(ErrorCode.INVALID_JSON);
        String hugeExponent = Bundles.withPatient(Bundles.observation("laboratory", "b").replace(
                "\"status\":\"final\"", "\"status\":\"final\",\"valueQuantity\":{\"value\":1e999999999}"));
        assertThat(failure(parse(hugeExponent)).code()).isEqualTo(ErrorCode.INVALID_JSON);
    }

    @Test
    void aFifteenMegabyteStringInAnUnknownElement_isInvalidFhir() {
        String big = Bundles.withPatient(Bundles.observation("laboratory", "a").replace("\"status\":\"final\"",
                "\"status\":\"final\",\"junk\":\"" + "x".repeat(15 * 1024 * 1024) + "\""));
        assertThat(failure(parse(big)).code()).isEqualTo(ErrorCode.INVALID_FHIR);
    }

    @Test
    void aFifteenMegabyteStringOverASmallerLimit_isTooLarge() {
        byte[] big = ("\"" + "x".repeat(15 * 1024 * 1024) + "\"").getBytes(StandardCharsets.UTF_8);
        assertThat(failure(new HapiBundleParser(8 * 1024 * 1024, 100).parse(big)).code())
                .isEqualTo(ErrorCode.BODY_TOO_LARGE);
    }

    @Test
    void duplicateKeys_areInvalidJson() {
        assertThat(failure(PARSER.parse(Fixtures.bytes("invalid/duplicate-keys.json"))).code())
                .isEqualTo(ErrorCode.INVALID_JSON);
    }

    @Test
    void nonUtf8Bytes_areInvalidJson() {
        byte[] body = Bundles.withPatient().replace("A1", "A\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(failure(PARSER.parse(body)).code()).isEqualTo(ErrorCode.INVALID_JSON);
    }

    @Test
    void topLevelArraysAndScalars_areNotBundles() {
        assertThat(failure(parse("[1,2,3]")).code()).isEqualTo(ErrorCode.NOT_A_BUNDLE);
        assertThat(failure(parse("\"Bundle\"")).code()).isEqualTo(ErrorCode.NOT_A_BUNDLE);
        assertThat(failure(parse("42")).code()).isEqualTo(ErrorCode.NOT_A_BUNDLE);
        assertThat(failure(parse("null")).code()).isEqualTo(ErrorCode.NOT_A_BUNDLE);
    }

    @Test
    void trailingContentAfterTheBundle_isInvalidJson() {
        assertThat(failure(parse(Bundles.withPatient() + " {}")).code()).isEqualTo(ErrorCode.INVALID_JSON);
    }

    @Test
    void anXmlBody_isInvalidJson() {
        assertThat(failure(PARSER.parse(Fixtures.bytes("invalid/bundle.xml"))).code())
                .isEqualTo(ErrorCode.INVALID_JSON);
    }

    @Test
    void nullEntries_areInvalidFhir() {
        var f = failure(PARSER.parse(Fixtures.bytes("invalid/null-entries.json")));
        assertThat(f.code()).isEqualTo(ErrorCode.INVALID_FHIR);
        assertThat(f.issues()).extracting(i -> i.location()).containsExactly("Bundle.entry[0]", "Bundle.entry[1]");
    }

    @Test
    void aNullResource_isInvalidFhir() {
        String json = Bundles.withPatient("{\"fullUrl\":\"urn:uuid:" + Bundles.uuid("z") + "\",\"resource\":null}");
        assertThat(failure(parse(json)).code()).isEqualTo(ErrorCode.INVALID_FHIR);
    }

    @Test
    void aPatientContainedInAnotherResource_isForeign() {
        String obs = Bundles.observation("laboratory", "a").replace("\"status\":\"final\"",
                "\"contained\":[{\"resourceType\":\"Patient\",\"id\":\"p2\"}],\"status\":\"final\","
                        + "\"focus\":[{\"reference\":\"#p2\"}]");
        assertThat(failure(parse(Bundles.withPatient(obs))).code()).isEqualTo(ErrorCode.FOREIGN_PATIENT);
    }
}
