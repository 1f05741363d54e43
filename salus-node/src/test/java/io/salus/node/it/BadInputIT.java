package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;
import io.salus.node.wiring.Node;
import io.salus.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input is refused with a stable code in problem+json carrying an OperationOutcome, and nothing is stored. */
class BadInputIT {
    static Node node;
    static Api api;
    static Api.Acct patient;

    @BeforeAll
    static void start() {
        node = TestNodes.shared();
        api = new Api(node);
        patient = api.open("PATIENT", "Bad input patient");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({"invalid/broken-reference.json, 422, SALUS-0007", "invalid/bundle.xml, 400, SALUS-0001",
            "invalid/duplicate-keys.json, 400, SALUS-0001", "invalid/empty-bundle.json, 422, SALUS-0008",
            "invalid/foreign-subject.json, 422, SALUS-0006", "invalid/not-a-bundle.json, 422, SALUS-0002",
            "invalid/null-entries.json, 422, SALUS-0005", "invalid/two-patients.json, 422, SALUS-0006",
            "invalid/unknown-element.json, 422, SALUS-0005"})
    void anInvalidBundleIsRefusedWithItsCodeAndNothingIsStored(String fixture, int status, String code) {
        long before = records();
        api.deposit(patient, patient, Fixtures.bytes(fixture), null).then().statusCode(status)
                .contentType("application/problem+json").body("code", equalTo(code))
                .body("operationOutcome.resourceType", equalTo("OperationOutcome"))
                .body("operationOutcome.issue[0].diagnostics", notNullValue());
        assertThat(records()).isEqualTo(before);
        assertThat(api.records(patient)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/accounts/me/move", "/deals/federated", "/federation/moves", "/federation/deals/parts"})
    void allianceRoutesOnANodeOfNoAlliance_areRefusedWithTheirCode_andThePatientStaysHome(String path) {
        given().baseUri(api.url).auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("to", "0x0000000000000000000000000000000000000001")).post(path).then()
                .statusCode(404).contentType("application/problem+json").body("code", equalTo("SALUS-1607"));
        given().baseUri(api.url).auth().oauth2(patient.token()).get("/patients/" + patient.id() + "/records")
                .then().statusCode(200);
    }

    @Test
    void anUnknownResourceTypeIsRefusedByName() {
        String body = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"Patient\",\"id\":\"p\"}},{\"resource\":{\"resourceType\":\"Spaceship\"}}]}";
        api.deposit(patient, patient, body.getBytes(StandardCharsets.UTF_8), null).then().statusCode(422)
                .body("code", equalTo("SALUS-0003"))
                .body("detail", org.hamcrest.Matchers.containsString("Spaceship"));
        assertThat(api.records(patient)).isEmpty();
    }

    @Test
    void anOversizedBodyIsRefusedFromItsDeclaredLengthWithoutReadingIt() throws Exception {
        java.net.URI uri = java.net.URI.create(api.url);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            String head = "POST /patients/" + patient.id() + "/bundles HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + patient.token() + "\r\nContent-Type: application/fhir+json\r\n"
                    + "Content-Length: " + (17 * 1024 * 1024) + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.setSoTimeout(20_000);
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413").contains("application/problem+json")
                    .contains("SALUS-0004");
        }
        assertThat(api.records(patient)).isEmpty();
    }

    @Test
    void aPathTraversalPatientId_isRefusedWith422AtTheIdsPathAndNothingIsStored() {
        assertRefusedByR4Rules(patientBundle("../../../../etc/passwd", ""), "Bundle.entry[0].resource.id");
    }

    @Test
    void aScriptInTheNarrative_isRefusedWith422AtTheNarrativesPathAndNothingIsStored() {
        assertRefusedByR4Rules(patientBundle("p1", ",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns="
                + "\\\"http://www.w3.org/1999/xhtml\\\"><script>alert(1)</script></div>\"}"),
                "Bundle.entry[0].resource.text.div");
    }

    private static String patientBundle(String id, String more) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\"" + more + "}}]}";
    }

    private void assertRefusedByR4Rules(String bundle, String path) {
        long before = records();
        api.deposit(patient, patient, bundle.getBytes(StandardCharsets.UTF_8), null).then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("SALUS-0005"))
                .body("operationOutcome.issue.expression.flatten()", hasItem(path));
        assertThat(records()).isEqualTo(before);
        assertThat(api.records(patient)).isEmpty();
    }

    @Test
    void malformedJsonIsRefused() {
        api.deposit(patient, patient, "{\"resourceType\": \"Bundle\", ".getBytes(StandardCharsets.UTF_8), null)
                .then().statusCode(400).body("code", equalTo("SALUS-0001"));
    }

    @Test
    void aBundleSentAsPlainTextIsAnUnsupportedMediaType() {
        given().baseUri(api.url).auth().oauth2(patient.token()).contentType(ContentType.TEXT).body("{}")
                .post("/patients/" + patient.id() + "/bundles").then().statusCode(415)
                .body("code", equalTo("SALUS-0011"));
    }

    @Test
    void aDepositWithoutATokenIsUnauthenticatedAndWithAGarbageTokenToo() {
        given().baseUri(api.url).contentType("application/fhir+json").body("{}")
                .post("/patients/" + patient.id() + "/bundles").then().statusCode(401)
                .body("code", equalTo("SALUS-0100"));
        given().baseUri(api.url).auth().oauth2("salus_not-a-real-token-at-all-xxxxxxx")
                .contentType("application/fhir+json").body("{}").post("/patients/" + patient.id() + "/bundles")
                .then().statusCode(401);
    }

    @Test
    void aMalformedPatientIdOrUnknownRouteIsAProblemNotAStackTrace() {
        api.deposit(patient, new Api.Acct("not-a-uuid", "", ""), "{}".getBytes(StandardCharsets.UTF_8), null)
                .then().statusCode(400).body("code", equalTo("SALUS-0010"));
        given().baseUri(api.url).get("/no/such/route").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void openingAnAccountWithAnUnknownKindOrFieldIsRefusedNamingTheField() {
        given().baseUri(api.url).auth().oauth2(api.operatorToken).contentType(ContentType.JSON)
                .body(Map.of("kind", "WIZARD", "displayName", "x")).post("/accounts").then().statusCode(400)
                .body("operationOutcome.issue[0].expression[0]", equalTo("kind"));
        given().baseUri(api.url).auth().oauth2(api.operatorToken).contentType(ContentType.JSON)
                .body(Map.of("kind", "PATIENT", "displayName", "x", "admin", true)).post("/accounts").then()
                .statusCode(400).body("code", equalTo("SALUS-0010"));
        given().baseUri(api.url).auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("kind", "PATIENT", "displayName", "x")).post("/accounts").then().statusCode(403);
    }

    private long records() {
        return ((Number) api.stats().get("records")).longValue();
    }
}
