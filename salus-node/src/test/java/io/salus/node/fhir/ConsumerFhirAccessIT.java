package io.salus.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.salus.node.it.SharedNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A consumer reads a patient's data through the FHIR API: only through the decision point (category × consumer type ×
 * purpose), audited before data leaves, and never learning by totals or pages what it may not see.
 */
class ConsumerFhirAccessIT {
    static SharedNode.Account patient;
    static SharedNode.Account lab;

    @BeforeAll
    static void setUp() throws InterruptedException {
        SharedNode.Account hospital = SharedNode.open("HOSPITAL", "FHIR consumer hospital");
        patient = SharedNode.open("PATIENT", "FHIR consumer patient");
        SharedNode.depositSynthea(hospital, patient, 3);
        lab = SharedNode.open("CONSUMER", "FHIR lab");
        SharedNode.attest(lab, "ACADEMIC_RESEARCHER", "HRESCH");
        SharedNode.grant(patient, List.of("VITAL_SIGNS"), List.of("ACADEMIC_RESEARCHER"), List.of("HRESCH"));
    }

    static String code(BaseServerResponseException e) {
        return ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDetails().getCodingFirstRep()
                .getCode();
    }

    @Test
    void aConsumersSearch_isDeniedForACategoryNotGranted() {
        assertThatThrownBy(() -> FhirClients.as(lab.token(), "HRESCH").search().forResource(Condition.class)
                .where(Condition.PATIENT.hasId(patient.id())).returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class,
                        e -> assertThat(code(e)).isEqualTo("SALUS-0401"));
    }

    @Test
    void aConsumersSearch_countsOnlyWhatItMaySee() {
        Bundle mine = FhirClients.as(patient.token()).search().forResource(Observation.class).count(1)
                .returnBundle(Bundle.class).execute();
        Bundle vitals = FhirClients.as(patient.token()).search().forResource(Observation.class)
                .where(Observation.CATEGORY.exactly().code("vital-signs")).count(1).returnBundle(Bundle.class)
                .execute();
        assertThat(vitals.getTotal()).isLessThan(mine.getTotal());
        Bundle seen = FhirClients.as(lab.token(), "HRESCH").search().forResource(Observation.class)
                .where(Observation.PATIENT.hasId(patient.id())).count(500).returnBundle(Bundle.class).execute();
        assertThat(seen.getTotal()).isEqualTo(vitals.getTotal());
        assertThat(seen.getEntry()).allSatisfy(e -> assertThat(((Observation) e.getResource()).getCategory()
                .stream().flatMap(c -> c.getCoding().stream()).map(c -> c.getCode())).contains("vital-signs"));
    }

    @Test
    void aConsumersRead_isAuditedInThePatientsAccessLog() throws Exception {
        int before = accessLogSize();
        FhirClients.as(lab.token(), "HRESCH").search().forResource(Observation.class)
                .where(Observation.PATIENT.hasId(patient.id())).returnBundle(Bundle.class).execute();
        assertThat(accessLogSize()).isGreaterThan(before);
    }

    @Test
    void aConsumerWithoutAPurpose_isAskedForOne() {
        assertThatThrownBy(() -> FhirClients.as(lab.token()).search().forResource(Observation.class)
                .where(Observation.PATIENT.hasId(patient.id())).returnBundle(Bundle.class).execute())
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aConsumerForAPurposeNotGranted_isDenied() {
        assertThatThrownBy(() -> FhirClients.as(lab.token(), "HMARKT").search().forResource(Observation.class)
                .where(Observation.PATIENT.hasId(patient.id())).returnBundle(Bundle.class).execute())
                .isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void aConsumerSearchWithoutAPatient_isRefused() {
        assertThatThrownBy(() -> FhirClients.as(lab.token(), "HRESCH").search().forResource(Observation.class)
                .returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(code(e)).isEqualTo("SALUS-1502"));
    }

    @Test
    void aConsentRevokedBetweenPages_withholdsTheRest() throws Exception {
        SharedNode.Account hospital = SharedNode.open("HOSPITAL", "FHIR paging hospital");
        SharedNode.Account p = SharedNode.open("PATIENT", "FHIR paging patient");
        SharedNode.depositSynthea(hospital, p, 4);
        long grant = SharedNode.grant(p, List.of("VITAL_SIGNS"), List.of("ACADEMIC_RESEARCHER"), List.of("HRESCH"));
        IGenericClient c = FhirClients.as(lab.token(), "HRESCH");
        Bundle first = c.search().forResource(Observation.class).where(Observation.PATIENT.hasId(p.id())).count(2)
                .returnBundle(Bundle.class).execute();
        assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();
        assertThat(c.loadPage().next(first).execute().getEntry()).hasSize(2);
        var revoked = SmartFlow.send(HttpRequest.newBuilder(URI.create(SharedNode.url() + "/consents/" + grant))
                .header("Authorization", "Bearer " + p.token()).DELETE());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThatThrownBy(() -> c.loadPage().next(first).execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class,
                        e -> assertThat(code(e)).isEqualTo("SALUS-0405"));
    }

    @Test
    void anotherCallerCannotUseSomeoneElsesPagingLink() {
        Bundle first = FhirClients.as(patient.token()).search().forResource(Observation.class).count(2)
                .returnBundle(Bundle.class).execute();
        assertThatThrownBy(() -> FhirClients.as(lab.token(), "HRESCH").loadPage().next(first).execute())
                .isInstanceOf(BaseServerResponseException.class);
    }

    private static int accessLogSize() throws Exception {
        var r = SmartFlow.send(HttpRequest.newBuilder(URI.create(SharedNode.url() + "/patients/" + patient.id()
                + "/access-log")).header("Authorization", "Bearer " + patient.token()).GET());
        return SmartFlow.json(r).path("entries").size();
    }
}
