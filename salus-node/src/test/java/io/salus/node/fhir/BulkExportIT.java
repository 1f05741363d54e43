package io.salus.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import io.salus.core.error.Result;
import io.salus.fhir.validation.R4Validator;
import io.salus.node.it.MatchedDeal;
import io.salus.node.it.SharedNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bulk Data export (async pattern) with HAPI's client for the kick-off: a patient's own data and a settled deal's
 * de-identified delivery, polled, downloaded, validated against the core R4 definitions, deleted.
 */
class BulkExportIT {
    static final R4Validator VALIDATOR = R4Validator.forR4();
    static SharedNode.Account hospital;
    static SharedNode.Account patient;

    @BeforeAll
    static void setUp() throws InterruptedException {
        hospital = SharedNode.open("HOSPITAL", "Bulk hospital");
        patient = SharedNode.open("PATIENT", "Bulk patient");
        SharedNode.depositSynthea(hospital, patient, 6);
    }

    static String kickOff(IGenericClient client, String type, String id) {
        MethodOutcome mo = client.operation().onInstance(new IdType(type, id)).named("$export")
                .withNoParameters(Parameters.class).useHttpGet().withAdditionalHeader("Prefer", "respond-async")
                .returnMethodOutcome().execute();
        assertThat(mo.getResponseStatusCode()).isEqualTo(202);
        return mo.getResponseHeaders().get("content-location").get(0);
    }

    /** Polls of a job's status before the test gives up on it: a job that never ends fails, it does not hang. */
    static final int MAX_POLLS = 600;

    static HttpResponse<String> get(String url, String token) {
        return SmartFlow.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .GET());
    }

    /** Polls the status URL until the job completes; every answer before that is a 202 with progress. */
    static JsonNode manifest(String status, String token) throws InterruptedException {
        for (int poll = 0; poll < MAX_POLLS; poll++) {
            HttpResponse<String> r = get(status, token);
            if (r.statusCode() == 200) {
                return SmartFlow.json(r);
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            assertThat(r.headers().firstValue("X-Progress")).isPresent();
            Thread.sleep(200);
        }
        throw new AssertionError("the export job never completed: still 202 after " + MAX_POLLS + " polls");
    }

    /** Downloads every output file, checks the counts, validates every resource; returns the resource count. */
    static int downloadAndValidate(JsonNode manifest, String token) {
        int total = 0;
        for (JsonNode out : manifest.path("output")) {
            HttpResponse<String> file = get(out.path("url").asText(), token);
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/fhir+ndjson");
            List<String> lines = file.body().lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).hasSize(out.path("count").asInt());
            for (String line : lines) {
                assertThat(line).contains("\"resourceType\":\"" + out.path("type").asText() + "\"");
                Result<String> valid = VALIDATOR.validate(line);
                assertThat(valid.isOk()).as(() -> out.path("type").asText() + ": " + valid).isTrue();
            }
            total += lines.size();
        }
        return total;
    }

    @Test
    void aPatientsExport_runsAsync_isDownloadedValidAndDeleted() throws Exception {
        String status = kickOff(FhirClients.as(patient.token()), "Patient", patient.id());
        JsonNode m = manifest(status, patient.token());
        assertThat(m.path("requiresAccessToken").asBoolean()).isTrue();
        assertThat(m.path("request").asText()).contains("/fhir/Patient/" + patient.id() + "/$export");
        assertThat(m.path("transactionTime").asText()).isNotEmpty();
        assertThat(m.path("output").size()).isGreaterThan(1);
        int n = downloadAndValidate(m, patient.token());
        assertThat(n).isPositive();

        SharedNode.Account other = SharedNode.open("PATIENT", "Bulk snoop");
        assertThat(get(status, other.token()).statusCode()).as("another account sees no job").isEqualTo(404);
        assertThat(get(m.path("output").get(0).path("url").asText(), other.token()).statusCode()).isEqualTo(404);

        var deleted = SmartFlow.send(HttpRequest.newBuilder(URI.create(status))
                .header("Authorization", "Bearer " + patient.token()).DELETE());
        assertThat(deleted.statusCode()).isEqualTo(202);
        assertThat(get(status, patient.token()).statusCode()).isEqualTo(404);
        assertThat(get(m.path("output").get(0).path("url").asText(), patient.token()).statusCode()).isEqualTo(404);
    }

    @Test
    void aTypeFilter_exportsOnlyThoseTypes() throws Exception {
        MethodOutcome mo = FhirClients.as(patient.token()).operation()
                .onInstance(new IdType("Patient", patient.id())).named("$export")
                .withParameter(Parameters.class, "_type", new org.hl7.fhir.r4.model.StringType("Condition"))
                .useHttpGet().withAdditionalHeader("Prefer", "respond-async").returnMethodOutcome().execute();
        JsonNode m = manifest(mo.getResponseHeaders().get("content-location").get(0), patient.token());
        assertThat(m.path("output").size()).isEqualTo(1);
        assertThat(m.path("output").get(0).path("type").asText()).isEqualTo("Condition");
    }

    @Test
    void aKickOffWithoutRespondAsync_isRefused() {
        assertThatThrownBy(() -> FhirClients.as(patient.token()).operation()
                .onInstance(new IdType("Patient", patient.id())).named("$export").withNoParameters(Parameters.class)
                .useHttpGet().execute()).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aPatientCannotExportAnotherPatient() {
        SharedNode.Account other = SharedNode.open("PATIENT", "Bulk other");
        assertThatThrownBy(() -> kickOff(FhirClients.as(other.token()), "Patient", patient.id()))
                .isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void aSettledDealsGroup_isExportedToItsBuyerOnly() throws Exception {
        MatchedDeal deal = MatchedDeal.match("Bulk deal");
        SharedNode.Account lab = deal.lab();
        assertThatThrownBy(() -> kickOff(FhirClients.as(lab.token()), "Group", deal.dealId()))
                .as("a matched deal is not settled yet").isInstanceOf(ForbiddenOperationException.class);
        deal.settle();
        String status = kickOff(FhirClients.as(lab.token()), "Group", deal.dealId().substring(2));
        JsonNode m = manifest(status, lab.token());
        assertThat(downloadAndValidate(m, lab.token())).isPositive();
        for (JsonNode out : m.path("output")) {
            String body = get(out.path("url").asText(), lab.token()).body();
            deal.patients().forEach(p -> assertThat(body).doesNotContain(p.id()).doesNotContain(p.address()
                    .substring(2)));
        }
        SharedNode.Account rival = SharedNode.open("CONSUMER", "Rival lab");
        assertThatThrownBy(() -> kickOff(FhirClients.as(rival.token()), "Group", deal.dealId()))
                .isInstanceOfSatisfying(ForbiddenOperationException.class,
                        e -> assertThat(ConsumerFhirAccessIT.code(e)).isEqualTo("SALUS-1522"));
        assertThatThrownBy(() -> kickOff(FhirClients.as(deal.patients().get(0).token()), "Group", deal.dealId()))
                .isInstanceOf(ForbiddenOperationException.class);
    }
}
