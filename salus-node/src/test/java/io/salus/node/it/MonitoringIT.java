package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.salus.core.device.Reading;
import io.salus.core.device.VitalSign;
import io.salus.node.web.PortalHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Monitoring on a real node: the standard rules run on the readings of accepted device batches, and the alerts they
 * raise reach the patient, their delegates receiving alerts and the providers they chose (and nobody else), with the
 * data's freshness, as FHIR Flag and Communications, escalating while unacknowledged, each step audited.
 */
class MonitoringIT {
    private final Api api = new Api(TestNodes.shared());
    private final ConsentRequests consent = new ConsentRequests(api);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void tachycardiaInAStream_reachesTheDelegateReceivingAlerts_butNotAnUnrelatedProvider() {
        Api.Acct patient = api.open("PATIENT", "Racing heart");
        Api.Acct daughter = api.open("CAREGIVER", "Daughter");
        Api.Acct stranger = api.open("PHYSICIAN", "Unrelated physician");
        consent.delegate(patient, daughter, List.of("RECEIVE_ALERTS")).then().statusCode(200);
        DeviceClient watch = DeviceClient.pulseOximeter(api, patient);
        watch.post(watch.heartRates(1, now, 80, 131)).then().statusCode(202);
        watch.post(watch.heartRates(2, now.plusSeconds(60), 135)).then().statusCode(202);

        JsonPath mine = api.get(patient, "/patients/" + patient.id() + "/health-alerts").then().statusCode(200)
                .extract()
                .jsonPath();
        assertThat(mine.getList("alerts")).as("a rule that stays active raises once").hasSize(1);
        assertThat(mine.getString("alerts[0].rule")).isEqualTo("tachycardia");
        assertThat(mine.getString("alerts[0].severity")).isEqualTo("WARNING");
        assertThat(mine.getDouble("alerts[0].value")).isEqualTo(131.0);
        assertThat(mine.getInt("alerts[0].freshnessSeconds")).isGreaterThanOrEqualTo(0);
        assertThat(mine.getList("alerts[0].notified.address")).containsExactlyInAnyOrder(patient.address()
                .toLowerCase(), daughter.address().toLowerCase());
        String alertId = mine.getString("alerts[0].id");

        api.get(daughter, "/health-alerts").then().statusCode(200).body("alerts.id", equalTo(List.of(alertId)));
        api.get(daughter, "/patients/" + patient.id() + "/health-alerts").then().statusCode(200)
                .body("alerts[0].id", equalTo(alertId));
        JsonPath fhir = api.get(daughter, "/health-alerts/" + alertId + "/fhir").then().statusCode(200)
                .contentType("application/fhir+json").extract().jsonPath();
        assertThat(fhir.getList("entry.resource.resourceType")).containsExactly("Flag", "Communication",
                "Communication");
        assertThat(fhir.getString("entry[0].resource.code.coding[0].code")).isEqualTo("tachycardia");

        api.get(stranger, "/health-alerts").then().statusCode(200).body("alerts", hasSize(0));
        api.get(stranger, "/health-alerts/" + alertId).then().statusCode(404).body("code", equalTo("SALUS-1871"));
        api.get(stranger, "/patients/" + patient.id() + "/health-alerts").then().statusCode(403)
                .body("code", equalTo("SALUS-0410"));
        api.get(patient, "/health-alerts/" + alertId + "/audit").then().statusCode(200)
                .body("events.action", equalTo(List.of("RAISED", "NOTIFIED", "NOTIFIED")));
    }

    @Test
    void anUnacknowledgedUrgentAlert_escalatesToTheDelegate_andStopsWhenTheDelegateAcknowledges() throws Exception {
        Api.Acct patient = api.open("PATIENT", "Slow heart");
        Api.Acct son = api.open("CAREGIVER", "Son");
        Api.Acct doctor = api.open("PHYSICIAN", "Chosen physician");
        Api.Acct neighbour = api.open("CAREGIVER", "Neighbour without delegation");
        consent.delegate(patient, son, List.of("RECEIVE_ALERTS")).then().statusCode(200);
        choose(patient, Map.of("providers", List.of(doctor.id()))).then().statusCode(200)
                .body("providers", equalTo(List.of(doctor.id())));
        DeviceClient watch = DeviceClient.pulseOximeter(api, patient);
        watch.post(watch.heartRates(1, now, 36)).then().statusCode(202);

        JsonPath raised = api.get(patient, "/patients/" + patient.id() + "/health-alerts").then().statusCode(200)
                .extract().jsonPath();
        assertThat(raised.getString("alerts[0].rule")).isEqualTo("bradycardia");
        assertThat(raised.getString("alerts[0].severity")).isEqualTo("URGENT");
        assertThat(raised.getString("alerts[0].notified[0].role")).isEqualTo("PATIENT");
        String alertId = raised.getString("alerts[0].id");

        JsonPath escalated = awaitNotified(patient, alertId, son.address(), Duration.ofSeconds(60));
        assertThat(escalated.getString("notified[1].role")).isEqualTo("DELEGATE");
        assertThat(escalated.getInt("notified[1].level")).isEqualTo(1);
        api.get(neighbour, "/health-alerts/" + alertId).then().statusCode(404);
        given().baseUri(api.url).auth().oauth2(neighbour.token()).post("/health-alerts/" + alertId + "/acknowledgement")
                .then().statusCode(404);

        given().baseUri(api.url).auth().oauth2(son.token()).post("/health-alerts/" + alertId + "/acknowledgement")
                .then()
                .statusCode(200).body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledged.by", equalTo(son.address().toLowerCase()));
        int notified = api.get(patient, "/health-alerts/" + alertId).then().extract().path("notified.size()");
        Thread.sleep(2_500);
        api.get(patient, "/health-alerts/" + alertId).then().body("status", equalTo("ACKNOWLEDGED"))
                .body("notified.size()", is(notified));
        List<String> actions = api.get(patient, "/health-alerts/" + alertId + "/audit").then().statusCode(200).extract()
                .path("events.action");
        assertThat(actions).startsWith("RAISED", "NOTIFIED", "NOTIFIED").endsWith("ACKNOWLEDGED");
    }

    @Test
    void aRevokedDelegation_stopsTheFormerDelegateFromReadingThePatientsAlerts() {
        Api.Acct patient = api.open("PATIENT", "Revoking patient");
        Api.Acct former = api.open("CAREGIVER", "Former carer");
        consent.delegate(patient, former, List.of("RECEIVE_ALERTS")).then().statusCode(200);
        DeviceClient watch = DeviceClient.pulseOximeter(api, patient);
        watch.post(watch.heartRates(1, now, 140)).then().statusCode(202);
        String alertId = api.get(former, "/health-alerts").then().statusCode(200).body("alerts", hasSize(1)).extract()
                .path("alerts[0].id");

        given().baseUri(api.url).auth().oauth2(patient.token())
                .delete("/patients/" + patient.id() + "/delegations/" + former.id()).then().statusCode(200);
        api.get(former, "/health-alerts/" + alertId).then().statusCode(404).body("code", equalTo("SALUS-1871"));
        api.get(former, "/health-alerts").then().statusCode(200).body("alerts", hasSize(0));
        api.get(patient, "/health-alerts/" + alertId).then().statusCode(200).body("rule", equalTo("tachycardia"));
    }

    @Test
    void onlyThePatientChoosesTheirAlertProviders_andOnlyProviderAccountsCount() {
        Api.Acct patient = api.open("PATIENT", "Choosing patient");
        Api.Acct other = api.open("PATIENT", "Another patient");
        choose(patient, Map.of("providers", List.of(other.id()), "silenceMinutes", Map.of("HEART_RATE", 0)))
                .then().statusCode(422).body("code", equalTo("SALUS-1840"));
        given().baseUri(api.url).auth().oauth2(other.token()).contentType(ContentType.JSON)
                .body(Map.of("providers", List.of())).put("/patients/" + patient.id() + "/monitoring").then()
                .statusCode(403);
        choose(patient, Map.of("silenceMinutes", Map.of("HEART_RATE", 30))).then().statusCode(200);
        api.get(patient, "/patients/" + patient.id() + "/monitoring").then().statusCode(200)
                .body("silenceMinutes.HEART_RATE", is(30));
    }

    @Test
    void thePatientSeesAnAlertWithItsDataAgeInThePortal_andAcknowledgesItThere() {
        Api.Acct patient = api.open("PATIENT", "Portal patient");
        DeviceClient watch = DeviceClient.pulseOximeter(api, patient);
        watch.post(watch.heartRates(1, now, 38)).then().statusCode(202);
        String alertId = api.get(patient, "/patients/" + patient.id() + "/health-alerts").then().statusCode(200)
                .extract().path("alerts[0].id");
        PortalHttp portal = new PortalHttp(api.url);
        assertThat(portal.signIn(patient.token()).statusCode()).isEqualTo(303);

        HttpResponse<String> page = portal.get("/portal/patient/alerts");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Bradycardia", "38.0 /min", "Data age", "/" + alertId + "/acknowledge");
        HttpResponse<String> acked = portal.postWithCsrf("/portal/patient/alerts/" + alertId + "/acknowledge",
                Map.of());
        assertThat(acked.statusCode()).isEqualTo(303);
        api.get(patient, "/health-alerts/" + alertId).then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledged.by", equalTo(patient.address().toLowerCase()));
        assertThat(portal.get("/portal/patient/alerts").body()).doesNotContain("/" + alertId + "/acknowledge");
    }

    @Test
    void theNews2ContextACarerRecords_turnsOrdinaryReadingsIntoAnUrgentNews2Alert_andAStrangerCannotRecordIt() {
        Api.Acct patient = api.open("PATIENT", "NEWS2 patient");
        Api.Acct carer = api.open("CAREGIVER", "Night nurse");
        Api.Acct stranger = api.open("CAREGIVER", "Stranger");
        consent.delegate(patient, carer, List.of("RECEIVE_ALERTS")).then().statusCode(200);
        DeviceClient oximeter = DeviceClient.pulseOximeter(api, patient);
        oximeter.post(oximeter.key.signBatch(oximeter.id, 1, List.of(Reading.of(VitalSign.HEART_RATE, "100",
                "/min", now.minusSeconds(120)),
                Reading.of(VitalSign.OXYGEN_SATURATION_PULSE_OXIMETRY, "95", "%",
                        now.minusSeconds(120)))))
                .then().statusCode(202);
        api.get(patient, "/patients/" + patient.id() + "/health-alerts").then().body("alerts", hasSize(0));

        context(stranger, patient, "VOICE").then().statusCode(403).body("code", equalTo("SALUS-0410"));
        context(carer, patient, "VOICE").then().statusCode(200).body("consciousness", equalTo("VOICE"));
        oximeter.post(oximeter.heartRates(2, now, 101)).then().statusCode(202);

        JsonPath alerts = api.get(patient, "/patients/" + patient.id() + "/health-alerts").then().statusCode(200)
                .extract().jsonPath();
        assertThat(alerts.getList("alerts.rule")).containsExactly("news2-medium");
        assertThat(alerts.getString("alerts[0].severity")).isEqualTo("URGENT");
        assertThat(alerts.getString("alerts[0].detail")).contains("partial");
    }

    private io.restassured.response.Response context(Api.Acct actor, Api.Acct patient, String consciousness) {
        return given().baseUri(api.url).auth().oauth2(actor.token()).contentType(ContentType.JSON)
                .body(Map.of("onOxygen", true, "consciousness", consciousness))
                .put("/patients/" + patient.id() + "/monitoring/context");
    }

    private io.restassured.response.Response choose(Api.Acct patient, Map<String, Object> body) {
        return given().baseUri(api.url).auth().oauth2(patient.token()).contentType(ContentType.JSON).body(body)
                .put("/patients/" + patient.id() + "/monitoring");
    }

    private JsonPath awaitNotified(Api.Acct patient, String alertId, String address, Duration max)
            throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            JsonPath a = api.get(patient, "/health-alerts/" + alertId).then().statusCode(200).extract().jsonPath();
            if (a.getList("notified.address").contains(address.toLowerCase())) {
                return a;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("alert " + alertId + " did not reach " + address + " within " + max);
            }
            Thread.sleep(100);
        }
    }
}
