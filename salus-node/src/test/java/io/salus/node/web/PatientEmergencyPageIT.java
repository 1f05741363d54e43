package io.salus.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import io.salus.node.it.SharedNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The patient portal's emergency-access page: the patient's choice, changed with the session's CSRF token only. */
class PatientEmergencyPageIT {

    @Test
    void aSignedInPatientOptsOutOfEmergencyAccess_andBackIn_andAForgedFormChangesNothing() {
        SharedNode.Account patient = SharedNode.open("PATIENT", "Emergency page patient");
        PortalHttp client = new PortalHttp(SharedNode.url());
        client.signIn(patient.token());
        String page = client.get("/portal/patient/emergency").body();
        assertThat(page).contains("may open your emergency profile", "Nobody has broken the glass");

        HttpResponse<String> forged = client.post("/portal/patient/emergency", Map.of("choice", "out"));
        assertThat(forged.statusCode()).isEqualTo(403);
        var me = SharedNode.node().accounts().find(AccountId.parse(patient.id()).orElseThrow()).orElseThrow();
        assertThat(SharedNode.node().care().preferences().optedOut(me, me.id()).orElseThrow()).isFalse();

        client.postWithCsrf("/portal/patient/emergency", Map.of("choice", "out"));
        assertThat(client.get("/portal/patient/emergency").body()).contains("You opted out");
        assertThat(SharedNode.node().care().preferences().optedOut(me, me.id()).orElseThrow()).isTrue();
        client.postWithCsrf("/portal/patient/emergency", Map.of("choice", "in"));
        assertThat(SharedNode.node().care().preferences().optedOut(me, me.id()).orElseThrow()).isFalse();
    }
}
