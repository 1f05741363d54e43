package io.salus.fhir.imports;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.device.ImportFormat;
import io.salus.core.device.ImportedReadings;
import io.salus.core.device.Reading;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.ReadingImportParser.ByteSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExportReadingImportParserTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final ExportReadingImportParser parser = new ExportReadingImportParser(FHIR, 1 << 20, 1000);

    /** The head of a real export.xml: Apple's internal DTD subset declares only elements and attributes. */
    static final String APPLE_HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE HealthData [
            <!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
            <!ATTLIST HealthData locale CDATA #REQUIRED>
            <!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
            <!ATTLIST Record type CDATA #REQUIRED unit CDATA #IMPLIED value CDATA #IMPLIED
              startDate CDATA #REQUIRED endDate CDATA #REQUIRED>
            ]>
            <HealthData locale="en_GB">
             <ExportDate value="2026-03-02 09:00:00 +0100"/>
             <Me HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>
            """;

    static String record(String type, String unit, String value, String start) {
        return " <Record type=\"HKQuantityTypeIdentifier" + type + "\" sourceName=\"Watch\" unit=\"" + unit
                + "\" creationDate=\"" + start + "\" startDate=\"" + start + "\" endDate=\"" + start + "\" value=\""
                + value + "\"/>\n";
    }

    static String appleExport() {
        return APPLE_HEAD + record("HeartRate", "count/min", "72", "2026-03-01 08:30:00 +0100")
                + record("OxygenSaturation", "%", "0.97", "2026-03-01 08:31:00 +0100")
                + record("BodyTemperature", "degF", "98.6", "2026-03-01 08:32:00 +0100")
                + record("BloodGlucose", "mmol&lt;180.1558800000541&gt;/L", "5.4", "2026-03-01 08:33:00 +0100")
                + record("StepCount", "count", "1200", "2026-03-01 08:00:00 +0100")
                + record("ActiveEnergyBurned", "Cal", "12", "2026-03-01 08:00:00 +0100")
                + " <Correlation type=\"HKCorrelationTypeIdentifierBloodPressure\" startDate=\"2026-03-01 08:34:00 +0100\""
                + " endDate=\"2026-03-01 08:34:00 +0100\">\n"
                + record("BloodPressureSystolic", "mmHg", "128", "2026-03-01 08:34:00 +0100")
                + record("BloodPressureDiastolic", "mmHg", "84", "2026-03-01 08:34:00 +0100")
                + " </Correlation>\n</HealthData>\n";
    }

    static ByteSource bytes(String s) {
        ByteArrayInputStream in = new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
        return in::read;
    }

    @Test
    void anAppleHealthExport_mapsEachSupportedTypeToLoincAndUcum_andCountsTheOthers() {
        ImportedReadings r = parser.parse(ImportFormat.APPLE_HEALTH, bytes(appleExport())).orElseThrow();
        assertThat(r.readings()).containsExactly(
                new Reading("8867-4", new java.math.BigDecimal("72"), "/min", Instant.parse("2026-03-01T07:30:00Z")),
                new Reading("59408-5", new java.math.BigDecimal("97"), "%", Instant.parse("2026-03-01T07:31:00Z")),
                new Reading("8310-5", new java.math.BigDecimal("98.6"), "[degF]", Instant.parse(
                        "2026-03-01T07:32:00Z")),
                new Reading("15074-8", new java.math.BigDecimal("5.4"), "mmol/L", Instant.parse(
                        "2026-03-01T07:33:00Z")),
                new Reading("55423-8", new java.math.BigDecimal("1200"), "{steps}", Instant.parse(
                        "2026-03-01T07:00:00Z")),
                new Reading("8480-6", new java.math.BigDecimal("128"), "mm[Hg]", Instant.parse(
                        "2026-03-01T07:34:00Z")),
                new Reading("8462-4", new java.math.BigDecimal("84"), "mm[Hg]", Instant.parse(
                        "2026-03-01T07:34:00Z")));
        assertThat(r.skipped()).containsEntry("HKQuantityTypeIdentifierActiveEnergyBurned", 1);
    }

    @Test
    void xxe_anExternalEntityIsRefusedAndNeverRead() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE HealthData [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <HealthData><Record type="HKQuantityTypeIdentifierHeartRate" unit="count/min" value="&secret;"
                 startDate="2026-03-01 08:30:00 +0100" endDate="2026-03-01 08:30:00 +0100"/></HealthData>
                """;
        Result<ImportedReadings> r = parser.parse(ImportFormat.APPLE_HEALTH, bytes(xxe));
        assertThat(r.failure().code()).isEqualTo(ErrorCode.IMPORT_MALFORMED);
        assertThat(r.failure().detail()).doesNotContain("root:");
    }

    @Test
    void anExternalDtd_isRefused() {
        String external = "<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n"
                + "<HealthData/>";
        assertThat(parser.parse(ImportFormat.APPLE_HEALTH, bytes(external)).failure().code())
                .isEqualTo(ErrorCode.IMPORT_MALFORMED);
    }

    @Test
    void billionLaughs_isRefusedBeforeAnyExpansion() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";")
                    .repeat(10)).append("\">");
        }
        String bomb = "<?xml version=\"1.0\"?>\n" + dtd + "]>\n<HealthData>&lol9;</HealthData>";
        Result<ImportedReadings> r = parser.parse(ImportFormat.APPLE_HEALTH, bytes(bomb));
        assertThat(r.failure().code()).isEqualTo(ErrorCode.IMPORT_MALFORMED);
    }

    @Test
    void anEndlessFile_isRefusedAtTheSizeLimitWhileStreaming() {
        byte[] head = (APPLE_HEAD).getBytes(StandardCharsets.UTF_8);
        byte[] rec = record("ActiveEnergyBurned", "Cal", "1", "2026-03-01 08:00:00 +0100").getBytes(
                StandardCharsets.UTF_8);
        AtomicLong served = new AtomicLong();
        ByteSource endless = (buf, off, len) -> {
            long at = served.getAndAdd(len);
            for (int i = 0; i < len; i++) {
                long p = at + i;
                buf[off + i] = p < head.length ? head[(int) p] : rec[(int) ((p - head.length) % rec.length)];
            }
            return len;
        };
        Result<ImportedReadings> r = parser.parse(ImportFormat.APPLE_HEALTH, endless);
        assertThat(r.failure().code()).isEqualTo(ErrorCode.IMPORT_TOO_LARGE);
        assertThat(served.get()).isLessThan(2L << 20);
    }

    @Test
    void tooManyReadings_areRefused() {
        StringBuilder x = new StringBuilder(APPLE_HEAD);
        for (int i = 0; i < 1001; i++) {
            x.append(record("HeartRate", "count/min", "70", "2026-03-01 08:30:00 +0100"));
        }
        x.append("</HealthData>");
        assertThat(parser.parse(ImportFormat.APPLE_HEALTH, bytes(x.toString())).failure().code())
                .isEqualTo(ErrorCode.IMPORT_TOO_LARGE);
    }

    @Test
    void aWrongUnit_isRefusedWithItsLine() {
        String x = APPLE_HEAD + record("HeartRate", "kg", "70", "2026-03-01 08:30:00 +0100") + "</HealthData>";
        Result<ImportedReadings> r = parser.parse(ImportFormat.APPLE_HEALTH, bytes(x));
        assertThat(r.failure().code()).isEqualTo(ErrorCode.IMPORT_WRONG_UNIT);
        assertThat(r.failure().detail()).startsWith("line 12:").contains("count/min");
    }

    @Test
    void notXml_isMalformed() {
        assertThat(parser.parse(ImportFormat.APPLE_HEALTH, bytes("{\"resourceType\":\"Bundle\"}")).failure().code())
                .isEqualTo(ErrorCode.IMPORT_MALFORMED);
    }

    static String observation(String code, String value, String unit, String at) {
        return "{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{"
                + "\"system\":\"http://loinc.org\",\"code\":\"" + code + "\"}]},\"effectiveDateTime\":\"" + at
                + "\",\"valueQuantity\":{\"value\":" + value + ",\"system\":\"http://unitsofmeasure.org\","
                + "\"code\":\"" + unit + "\"}}}";
    }

    static String bundle(String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + String.join(",", entries)
                + "]}";
    }

    @Test
    void aFhirBundle_takesObservationsAndBloodPressurePanels_andSkipsTheRest() {
        String bp = "{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{"
                + "\"system\":\"http://loinc.org\",\"code\":\"85354-9\"}]},\"effectiveDateTime\":"
                + "\"2026-03-01T08:00:00Z\",\"component\":[{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
                + "\"code\":\"8480-6\"}]},\"valueQuantity\":{\"value\":131,\"system\":\"http://unitsofmeasure.org\","
                + "\"code\":\"mm[Hg]\"}},{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":"
                + "\"8462-4\"}]},\"valueQuantity\":{\"value\":86,\"system\":\"http://unitsofmeasure.org\",\"code\":"
                + "\"mm[Hg]\"}}]}}";
        String json = bundle("{\"resource\":{\"resourceType\":\"Patient\"}}", observation("8867-4", "64", "/min",
                "2026-03-01T07:00:00Z"), bp, observation("29463-7", "70", "kg", "2026-03-01T07:00:00Z"));
        ImportedReadings r = parser.parse(ImportFormat.FHIR_BUNDLE, bytes(json)).orElseThrow();
        assertThat(r.readings()).extracting(Reading::loinc, x -> x.value().toPlainString(), Reading::unit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("8867-4", "64", "/min"),
                        org.assertj.core.groups.Tuple.tuple("8480-6", "131", "mm[Hg]"),
                        org.assertj.core.groups.Tuple.tuple("8462-4", "86", "mm[Hg]"));
        assertThat(r.skipped()).containsEntry("Patient", 1).containsEntry("Observation 29463-7", 1);
    }

    @Test
    void aFhirObservationInAWrongUnit_isRefusedWithItsLocation() {
        Result<ImportedReadings> r = parser.parse(ImportFormat.FHIR_BUNDLE, bytes(bundle(observation("8310-5",
                "310", "K", "2026-03-01T07:00:00Z"))));
        assertThat(r.failure().code()).isEqualTo(ErrorCode.IMPORT_WRONG_UNIT);
        assertThat(r.failure().issues().getFirst().location()).isEqualTo("Bundle.entry[0].resource.valueQuantity");
    }

    @Test
    void notAFhirBundle_isMalformed() {
        assertThat(parser.parse(ImportFormat.FHIR_BUNDLE, bytes("<HealthData/>")).failure().code()).isEqualTo(
                ErrorCode.IMPORT_MALFORMED);
    }
}
