package io.salus.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.salus.node.it.SharedNode;
import io.salus.testkit.Fixtures;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/** {@code POST /fhir} with a transaction Bundle goes through the deposit: validated, sealed, anchored, idempotent. */
class FhirTransactionIT {

    @Test
    void aTransactionBundle_isDepositedAndAnsweredWithATransactionResponse() {
        SharedNode.Account patient = SharedNode.open("PATIENT", "FHIR transaction patient");
        String body = Fixtures.string(Fixtures.syntheaBundles().get(5));
        Bundle response = FhirClients.FHIR.newJsonParser().parseResource(Bundle.class,
                FhirClients.as(patient.token()).transaction().withBundle(body).execute());
        assertThat(response.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        Bundle request = FhirClients.FHIR.newJsonParser().parseResource(Bundle.class, body);
        assertThat(response.getEntry()).hasSize(request.getEntry().size());
        assertThat(response.getEntry()).anySatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo(
                "201 Created"));
        String location = response.getEntry().stream().map(e -> e.getResponse().getLocation())
                .filter(l -> l != null && l.startsWith("Observation/")).findFirst().orElseThrow();
        Observation o = FhirClients.as(patient.token()).read().resource(Observation.class)
                .withId(location.split("/")[1]).execute();
        assertThat(o.getSubject().getReference()).isEqualTo("Patient/" + patient.id());
    }

    @Test
    void aRepeatedTransactionWithTheSameIdempotencyKey_isAReplay() {
        SharedNode.Account patient = SharedNode.open("PATIENT", "FHIR idempotent patient");
        String body = Fixtures.string(Fixtures.syntheaBundles().get(8));
        var client = FhirClients.as(patient.token());
        AdditionalRequestHeadersInterceptor key = new AdditionalRequestHeadersInterceptor();
        key.addHeaderValue("Idempotency-Key", "fhir-tx-1");
        client.registerInterceptor(key);
        String first = client.transaction().withBundle(body).execute();
        String second = client.transaction().withBundle(body).execute();
        Bundle a = FhirClients.FHIR.newJsonParser().parseResource(Bundle.class, first);
        Bundle b = FhirClients.FHIR.newJsonParser().parseResource(Bundle.class, second);
        assertThat(b.getIdElement().getIdPart()).isEqualTo(a.getIdElement().getIdPart());
        assertThat(b.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo("200 OK"));
    }

    @Test
    void aPathTraversalPatientIdInATransaction_isRefusedWith422AndItsPath() {
        SharedNode.Account patient = SharedNode.open("PATIENT", "FHIR traversal patient");
        String body = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"fullUrl\":"
                + "\"urn:uuid:11111111-1111-4111-8111-111111111111\",\"resource\":{\"resourceType\":\"Patient\","
                + "\"id\":\"../../../../etc/passwd\"},\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}]}";
        assertThatThrownBy(() -> FhirClients.as(patient.token()).transaction().withBundle(body).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(
                        ((OperationOutcome) e.getOperationOutcome()).getIssue())
                        .anySatisfy(i -> assertThat(i.getExpression().get(0).getValue())
                                .isEqualTo("Bundle.entry[0].resource.id")));
    }

    @Test
    void aProviderTransaction_namesThePatientItCaresFor() {
        SharedNode.Account hospital = SharedNode.open("HOSPITAL", "FHIR transaction hospital");
        SharedNode.Account patient = SharedNode.open("PATIENT", "FHIR cared-for patient");
        var client = FhirClients.as(hospital.token());
        AdditionalRequestHeadersInterceptor h = new AdditionalRequestHeadersInterceptor();
        h.addHeaderValue("X-Salus-Patient", patient.id());
        client.registerInterceptor(h);
        String body = Fixtures.string(Fixtures.syntheaBundles().get(9));
        assertThatThrownBy(() -> client.transaction().withBundle(body).execute()).as("not linked yet")
                .isInstanceOfSatisfying(ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException.class,
                        e -> assertThat(ConsumerFhirAccessIT.code(e)).isEqualTo("SALUS-0105"));
        var linked = SmartFlow.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(SharedNode.url()
                + "/patients/" + patient.id() + "/providers/" + hospital.id()))
                .header("Authorization", "Bearer " + patient.token())
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(linked.statusCode()).isEqualTo(200);
        Bundle response = FhirClients.FHIR.newJsonParser().parseResource(Bundle.class,
                client.transaction().withBundle(body).execute());
        assertThat(response.getEntry()).anySatisfy(e -> assertThat(e.getResponse().getLocation())
                .isEqualTo("Patient/" + patient.id() + "/_history/1"));
    }
}
