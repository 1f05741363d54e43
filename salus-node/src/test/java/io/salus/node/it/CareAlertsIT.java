package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.salus.node.web.PortalHttp;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The carers' portal on a real node: a delegate receiving a patient's alerts sees the alert raised from the patient's
 * device stream, with the patient and the data's age, and acknowledges it there; an unrelated provider signed in to the
 * same portal sees nothing and cannot acknowledge it.
 */
class CareAlertsIT {
    private final Api api = new Api(TestNodes.shared());
    private final ConsentRequests consent = new ConsentRequests(api);

    @Test
    void aDelegateReceivingAlertsSeesAndAcknowledgesThem_anUnrelatedProviderCannot() {
        Api.Acct patient = api.open("PATIENT", "Carer-portal patient");
        Api.Acct carer = api.open("CAREGIVER", "Carer with alerts");
        Api.Acct stranger = api.open("PHYSICIAN", "Unrelated portal physician");
        consent.delegate(patient, carer, List.of("RECEIVE_ALERTS")).then().statusCode(200);
        DeviceClient watch = DeviceClient.pulseOximeter(api, patient);
        watch.post(watch.heartRates(1, Instant.now().truncatedTo(ChronoUnit.SECONDS), 80, 133)).then().statusCode(
                202);
        String alertId = api.get(carer, "/health-alerts").then().statusCode(200).extract().path("alerts[0].id");

        PortalHttp strangerPortal = new PortalHttp(api.url);
        strangerPortal.signIn(stranger.token());
        String strangers = strangerPortal.get("/portal/care").body();
        assertThat(strangers).contains("id=\"no-alerts\"").doesNotContain(alertId).doesNotContain(
                "Carer-portal patient");
        HttpResponse<String> refused = strangerPortal.postWithCsrf("/portal/care/alerts/" + alertId
                + "/acknowledge", Map.of());
        assertThat(refused.statusCode()).isGreaterThanOrEqualTo(400);

        PortalHttp portal = new PortalHttp(api.url);
        portal.signIn(carer.token());
        String page = portal.get("/portal/care").body();
        assertThat(page).contains("data-alert=\"" + alertId + "\"").contains("Carer-portal patient").contains(
                "class=\"freshness\"").contains("Acknowledge");
        assertThat(portal.postWithCsrf("/portal/care/alerts/" + alertId + "/acknowledge", Map.of()).statusCode())
                .isIn(302, 303);
        assertThat(portal.get("/portal/care").body()).contains("acknowledged");
        api.get(patient, "/health-alerts/" + alertId).then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledged.by", equalTo(carer.address().toLowerCase()));
    }
}
