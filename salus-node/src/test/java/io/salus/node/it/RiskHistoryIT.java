package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.salus.node.web.PortalHttp;
import io.salus.testkit.RiskBundles;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Risk scores kept over time on a real node: the patient's FINDRISC answers (a QuestionnaireResponse) make FINDRISC
 * computable; each computation is kept and the history gives its points; the portal's risk page shows the latest
 * score, the missing inputs of a score that cannot be computed and an SVG trend; nobody but the patient answers,
 * computes or reads the history.
 */
class RiskHistoryIT {
    static final String ANSWERS = """
            {"resourceType":"QuestionnaireResponse","questionnaire":"urn:salus:questionnaire:findrisc",
             "status":"completed","item":[
            {"linkId":"physical-activity","answer":[{"valueBoolean":false}]},
            {"linkId":"vegetables-fruit-berries","answer":[{"valueBoolean":true}]},
            {"linkId":"family-history","answer":[{"valueCoding":{"system":"urn:salus:findrisc:family-history",
             "code":"first-degree"}}]},
            {"linkId":"high-blood-glucose","answer":[{"valueBoolean":false}]}]}""";
    private final Api api = new Api(TestNodes.shared());
    private final ConsentRequests consent = new ConsentRequests(api);

    Api.Acct patientWithRecords(String tag) {
        Api.Acct p = api.open("PATIENT", "Risk history " + tag);
        api.deposit(p, p, RiskBundles.workedExample(tag + "-" + UUID.randomUUID(), LocalDate.now(ZoneOffset.UTC)),
                null).then().statusCode(201);
        return p;
    }

    Response answer(Api.Acct who, Api.Acct patient, String json) {
        return given().baseUri(api.url).auth().oauth2(who.token()).contentType("application/fhir+json").body(json)
                .post("/patients/" + patient.id() + "/risk-answers");
    }

    List<Map<String, Object>> history(Api.Acct p) {
        return api.get(p, "/patients/" + p.id() + "/risk-assessments/history").then().statusCode(200).extract()
                .jsonPath().getList("points");
    }

    @Test
    void withoutAnswersFindriscNamesWhatIsMissing_withThemItIsComputed_andEachComputationIsKept() {
        Api.Acct p = patientWithRecords("kept");
        JsonPath first = api.post(p, "/patients/" + p.id() + "/risk-assessments").then().statusCode(200)
                .contentType("application/fhir+json").extract().jsonPath();
        assertThat(first.getList("entry.resource.status")).containsExactly("final", "final", "registered");
        answer(p, p, ANSWERS).then().statusCode(201).body("answered.size()", equalTo(4));
        JsonPath second = api.post(p, "/patients/" + p.id() + "/risk-assessments").then().statusCode(200).extract()
                .jsonPath();
        assertThat(second.getList("entry.resource.status")).containsExactly("final", "final", "final");
        assertThat(second.getString("entry[2].resource.prediction[0].rationale")).contains("points");
        List<Map<String, Object>> points = history(p);
        assertThat(points).hasSize(6);
        assertThat(points).filteredOn(x -> "findrisc".equals(x.get("model"))).extracting(x -> x.get("status"))
                .containsExactly("missing", "scored");
        assertThat(points).filteredOn(x -> "findrisc".equals(x.get("model"))).first().satisfies(x -> assertThat(x
                .get("reason").toString()).contains("family history of diabetes"));
        assertThat(points).filteredOn(x -> "pce".equals(x.get("model"))).extracting(x -> x.get("displayed"))
                .containsExactly("2.1 %", "2.1 %");
    }

    @Test
    void thePortalShowsTheLatestScores_theMissingInputs_andATrend_andComputesAndTakesAnswers() {
        Api.Acct p = patientWithRecords("portal");
        PortalHttp portal = new PortalHttp(api.url);
        portal.signIn(p.token());
        assertThat(portal.get("/portal/patient/risk").body()).contains("Not computed yet");
        assertThat(portal.postWithCsrf("/portal/patient/risk/computation", Map.of()).statusCode()).isIn(302, 303);
        String page = portal.get("/portal/patient/risk").body();
        assertThat(page).contains("id=\"trend-pce\"").contains("2.1 %").contains("not computed: needs").contains(
                "family history of diabetes");
        assertThat(portal.postWithCsrf("/portal/patient/risk/answers", Map.of("active", "true", "vegetables",
                "false", "family", "none", "glucose", "false")).statusCode()).isIn(302, 303);
        portal.postWithCsrf("/portal/patient/risk/computation", Map.of());
        page = portal.get("/portal/patient/risk").body();
        assertThat(page).contains("id=\"trend-findrisc\"").contains("2 kept");
    }

    @Test
    void anotherPatientCannotAnswer_compute_orReadTheHistory_andABadResponseIsRefused() {
        Api.Acct p = patientWithRecords("attack");
        Api.Acct other = api.open("PATIENT", "Other risk history patient");
        answer(other, p, ANSWERS).then().statusCode(403).body("code", equalTo("SALUS-0101"));
        api.post(other, "/patients/" + p.id() + "/risk-assessments").then().statusCode(403);
        api.get(other, "/patients/" + p.id() + "/risk-assessments/history").then().statusCode(403);
        answer(p, p, ANSWERS.replace("physical-activity", "smoker")).then().statusCode(422).contentType(
                "application/problem+json").body("code", equalTo("SALUS-1884"));
        assertThat(history(p)).isEmpty();
    }

    Response fhir(Api.Acct who, String path, String purpose) {
        var request = given().baseUri(api.url).auth().oauth2(who.token());
        if (purpose != null) {
            request = request.header("X-Purpose-Of-Use", purpose);
        }
        return request.get(path);
    }

    @Test
    void keptScoresAreFhirRiskAssessments_forThePatientAndAViewRecordsDelegate_anotherPatientGetsNothing() {
        Api.Acct p = patientWithRecords("fhir");
        api.post(p, "/patients/" + p.id() + "/risk-assessments").then().statusCode(200);
        JsonPath own = fhir(p, "/fhir/RiskAssessment?patient=" + p.id(), null).then().statusCode(200).extract()
                .jsonPath();
        assertThat(own.getInt("total")).isEqualTo(3);
        List<String> models = own.getList("entry.collect { it.resource.method.coding[0].code }");
        assertThat(models).containsExactlyInAnyOrder("pce", "cha2ds2-vasc", "findrisc");
        assertThat(own.getList("entry.resource.subject.reference")).containsOnly("Patient/" + p.id());
        List<String> ids = own.getList("entry.resource.id");
        String pce = ids.get(models.indexOf("pce"));
        JsonPath read = fhir(p, "/fhir/RiskAssessment/" + pce, null).then().statusCode(200).extract().jsonPath();
        assertThat(read.getString("status")).isEqualTo("final");
        assertThat(read.getString("method.coding[0].version")).isEqualTo("2013");
        assertThat(read.getFloat("prediction[0].probabilityDecimal")).isBetween(0.0195f, 0.0215f);
        assertThat(fhir(p, "/fhir/RiskAssessment?date=lt2000-01-01", null).then().statusCode(200).extract().jsonPath()
                .getInt("total")).isZero();

        Api.Acct daughter = api.open("CAREGIVER", "Risk FHIR daughter");
        consent.delegate(p, daughter, List.of("VIEW_RECORDS")).then().statusCode(200);
        assertThat(fhir(daughter, "/fhir/RiskAssessment?patient=" + p.id(), "PATRQT").then().statusCode(200)
                .extract().jsonPath().getInt("total")).isEqualTo(3);
        fhir(daughter, "/fhir/RiskAssessment/" + pce, "PATRQT").then().statusCode(200);
        assertThat(consent.accessLog(p)).filteredOn(e -> daughter.id().equals(e.get("requesterId"))).extracting(
                e -> e.get("category")).as("the delegate's reads are decided and audited per input category")
                .contains("DEMOGRAPHICS", "CONDITIONS", "MEDICATIONS", "LAB_RESULTS", "VITAL_SIGNS");

        Api.Acct other = api.open("PATIENT", "Risk FHIR other patient");
        Api.Acct alertsOnly = api.open("CAREGIVER", "Risk FHIR alerts-only carer");
        consent.delegate(p, alertsOnly, List.of("RECEIVE_ALERTS")).then().statusCode(200);
        for (Api.Acct stranger : List.of(other, alertsOnly)) {
            String search = fhir(stranger, "/fhir/RiskAssessment?patient=" + p.id(), "PATRQT").then().statusCode(403)
                    .extract().asString();
            String byId = fhir(stranger, "/fhir/RiskAssessment/" + pce, "PATRQT").then().statusCode(403).extract()
                    .asString();
            assertThat(search + byId).contains("SALUS-0410").doesNotContain("probabilityDecimal").doesNotContain(
                    "urn:salus:risk-model");
        }
        assertThat(fhir(other, "/fhir/RiskAssessment", null).then().statusCode(200).extract().jsonPath().getInt(
                "total")).as("another patient's own search holds none of this patient's scores").isZero();
    }
}
