package io.salus.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.node.it.SharedNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The patient portal's export: the patient's records as one FHIR Bundle download, only with a session. */
class PatientExportIT {

    @Test
    void aSignedInPatientDownloadsAllTheirRecordsAsOneFhirBundle() throws Exception {
        SharedNode.Account clinic = SharedNode.open("HOSPITAL", "Export clinic");
        SharedNode.Account patient = SharedNode.open("PATIENT", "Export patient");
        SharedNode.depositObservations(clinic, patient, 3);
        PortalHttp client = new PortalHttp(SharedNode.url());
        client.signIn(patient.token());
        assertThat(client.get("/portal/patient/export").body()).contains("/portal/patient/export/bundle.json");

        HttpResponse<String> r = client.get("/portal/patient/export/bundle.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/fhir+json");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"salus-export-" + patient.id() + ".json\"");
        JsonNode bundle = new ObjectMapper().readTree(r.body());
        assertThat(bundle.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.path("entry")).hasSize(4);
    }

    @Test
    void theExportIsRefusedWithoutASession() {
        HttpResponse<String> r = new PortalHttp(SharedNode.url()).get("/portal/patient/export/bundle.json");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("SALUS-0780").doesNotContain("resourceType");
    }
}
