package io.salus.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salus.node.demo.DemoSmartApp;
import io.salus.node.it.SharedNode;
import io.salus.node.wiring.Node;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/**
 * The "done when": a FHIR client reads a patient's Observations, deposited by their hospital, after a SMART
 * authorization with the app {@code ./salus demo} registers and prints.
 */
class DemoSmartAppIT {
    @Test
    void theDemoApp_isRegisteredOnce_andReadsAPatientsObservationsAfterASmartAuthorization() throws Exception {
        Node node = SharedNode.node();
        String clientId = DemoSmartApp.ensure(node);
        assertThat(DemoSmartApp.ensure(node)).as("a second demo run reuses the app").isEqualTo(clientId);
        SharedNode.Account hospital = SharedNode.open("HOSPITAL", "Demo SMART hospital");
        SharedNode.Account patient = SharedNode.open("PATIENT", "Demo SMART patient");
        SharedNode.depositSynthea(hospital, patient, 3);

        SmartFlow flow = new SmartFlow(clientId, DemoSmartApp.REDIRECT);
        String code = flow.code(patient.token(), DemoSmartApp.SCOPES, List.of());
        HttpResponse<String> tokens = flow.exchange(code, flow.verifier, DemoSmartApp.REDIRECT);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode t = SmartFlow.json(tokens);
        assertThat(t.path("patient").asText()).isEqualTo(patient.id());
        Bundle observations = FhirClients.as(t.path("access_token").asText()).search().forResource(Observation.class)
                .where(Observation.PATIENT.hasId(patient.id())).returnBundle(Bundle.class).execute();
        assertThat(observations.getTotal()).isPositive();
        assertThat(observations.getEntry()).allSatisfy(e -> assertThat(((Observation) e.getResource()).getSubject()
                .getReference()).isEqualTo("Patient/" + patient.id()));
    }
}
