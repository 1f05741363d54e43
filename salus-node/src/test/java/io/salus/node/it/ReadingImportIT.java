package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.restassured.response.Response;
import io.salus.node.cli.SalusCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports of an Apple Health export (with the CLI) and of a phone app's FHIR Bundle into a real node: sealed and
 * anchored records whose readings prove on their own, a second import storing nothing; hostile and wrong files
 * refused with their codes and nothing stored; nobody imports into another patient's record.
 */
class ReadingImportIT {
    private final Api api = new Api(TestNodes.shared());

    static final String EXPORT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE HealthData [
            <!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
            <!ATTLIST HealthData locale CDATA #REQUIRED>
            ]>
            <HealthData locale="en_GB">
             <Record type="HKQuantityTypeIdentifierHeartRate" unit="count/min" value="72" startDate="2026-03-01 08:30:00 +0100" endDate="2026-03-01 08:30:00 +0100"/>
             <Record type="HKQuantityTypeIdentifierOxygenSaturation" unit="%" value="0.97" startDate="2026-03-01 08:31:00 +0100" endDate="2026-03-01 08:31:00 +0100"/>
             <Record type="HKQuantityTypeIdentifierBloodGlucose" unit="mg/dL" value="104" startDate="2026-03-01 08:40:00 +0100" endDate="2026-03-01 08:40:00 +0100"/>
             <Record type="HKQuantityTypeIdentifierStepCount" unit="count" value="850" startDate="2026-03-01 08:00:00 +0100" endDate="2026-03-01 08:10:00 +0100"/>
             <Record type="HKQuantityTypeIdentifierDietaryWater" unit="mL" value="250" startDate="2026-03-01 08:00:00 +0100" endDate="2026-03-01 08:00:00 +0100"/>
            </HealthData>
            """;

    @Test
    void anAppleHealthExportImportedWithTheCli_isAnchoredAndProvable_andASecondImportStoresNothing(@TempDir Path dir)
            throws Exception {
        Api.Acct p = api.open("PATIENT", "Apple Health user");
        Path file = dir.resolve("export.xml");
        Files.writeString(file, EXPORT);
        assertThat(SalusCli.run(new String[]{"device", "import", "--url", api.url, "--token", p.token(),
                "--patient", p.id(), "--format", "apple-health", "--file", file.toString()})).isZero();

        List<Map<String, Object>> records = api.awaitAnchored(p, 2, Duration.ofSeconds(60));
        assertThat(records).extracting(r -> r.get("category")).containsExactlyInAnyOrder("VITAL_SIGNS",
                "LAB_RESULTS");
        for (Map<String, Object> r : records) {
            api.get(p, "/records/" + r.get("id") + "/verification").then().statusCode(200).body("verified",
                    is(true));
            api.get(p, "/records/" + r.get("id") + "/readings/0/receipt").then().statusCode(200);
        }
        upload(p, p, "apple-health", EXPORT).then().statusCode(200).body("readings", is(4))
                .body("alreadyImported", is(2)).body("skipped.HKQuantityTypeIdentifierDietaryWater", is(1));
        assertThat(api.records(p)).hasSize(2);
    }

    @Test
    void aPhoneAppsFhirBundleOfObservations_isImported() {
        Api.Acct p = api.open("PATIENT", "Phone app user");
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":{"
                + "\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":"
                + "\"http://loinc.org\",\"code\":\"8310-5\"}]},\"effectiveDateTime\":\"2026-03-01T07:00:00Z\","
                + "\"valueQuantity\":{\"value\":37.2,\"system\":\"http://unitsofmeasure.org\",\"code\":\"Cel\"}}}]}";
        upload(p, p, "fhir-bundle", bundle).then().statusCode(201).body("readings", is(1))
                .body("records.size()", is(1));
        assertThat(api.records(p)).extracting(r -> r.get("category")).containsExactly("VITAL_SIGNS");
    }

    @Test
    void hostileAndWrongFilesAreRefusedAndNothingIsStored() {
        Api.Acct p = api.open("PATIENT", "Attacked importer");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<HealthData><Record type=\"HKQuantityTypeIdentifierHeartRate\" unit=\"count/min\" value=\"&x;\""
                + " startDate=\"2026-03-01 08:30:00 +0100\" endDate=\"2026-03-01 08:30:00 +0100\"/></HealthData>";
        upload(p, p, "apple-health", xxe).then().statusCode(422).body("code", equalTo("SALUS-1880"));
        upload(p, p, "apple-health", EXPORT.replace("unit=\"count/min\"", "unit=\"kg\"")).then().statusCode(422)
                .body("code", equalTo("SALUS-1882"));
        upload(p, p, "apple-health", "<HealthData/>").then().statusCode(422).body("code", equalTo("SALUS-1883"));
        upload(p, p, "spreadsheet", EXPORT).then().statusCode(400);
        assertThat(api.records(p)).isEmpty();
    }

    @Test
    void noOneImportsIntoAnotherPatientsRecord() {
        Api.Acct p = api.open("PATIENT", "Import target");
        Api.Acct other = api.open("PATIENT", "Import intruder");
        upload(other, p, "apple-health", EXPORT).then().statusCode(403);
        assertThat(api.records(p)).isEmpty();
    }

    private Response upload(Api.Acct as, Api.Acct patient, String format, String body) {
        return given().baseUri(api.url).auth().oauth2(as.token()).contentType("application/xml").body(body.getBytes(
                StandardCharsets.UTF_8)).post("/patients/" + patient.id() + "/readings/imports?format=" + format);
    }
}
