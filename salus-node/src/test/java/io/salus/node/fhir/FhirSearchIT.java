package io.salus.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.salus.node.it.SharedNode;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Read and search through the FHIR API with HAPI's generic client, against a real node. */
class FhirSearchIT {
    static SharedNode.Account hospital;
    static SharedNode.Account patient;
    static int records;

    @BeforeAll
    static void deposit() throws InterruptedException {
        hospital = SharedNode.open("HOSPITAL", "FHIR search hospital");
        patient = SharedNode.open("PATIENT", "FHIR search patient");
        records = SharedNode.depositSynthea(hospital, patient, 0);
    }

    @Test
    void metadata_isACapabilityStatementWithSmartSecurityAndPerTypeParameters() {
        CapabilityStatement cs = FhirClients.anonymous().capabilities().ofType(CapabilityStatement.class).execute();
        var rest = cs.getRestFirstRep();
        assertThat(rest.getSecurity().getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
        var observation = rest.getResource().stream().filter(r -> r.getType().equals("Observation")).findFirst()
                .orElseThrow();
        assertThat(observation.getSearchParam()).extracting(p -> p.getName()).contains("patient", "code", "date",
                "category", "status", "_lastUpdated");
        var patientResource = rest.getResource().stream().filter(r -> r.getType().equals("Patient")).findFirst()
                .orElseThrow();
        assertThat(patientResource.getSearchParam()).extracting(p -> p.getName()).doesNotContain("code", "patient");
        var immunization = rest.getResource().stream().filter(r -> r.getType().equals("Immunization")).findFirst()
                .orElseThrow();
        assertThat(immunization.getSearchParam()).extracting(p -> p.getName()).doesNotContain("subject", "code");
    }

    @Test
    void thePatientReadsTheirPatientResourceByTheirAccountId() {
        Patient p = FhirClients.as(patient.token()).read().resource(Patient.class).withId(patient.id()).execute();
        assertThat(p.getIdElement().getIdPart()).isEqualTo(patient.id());
        assertThat(p.getMeta().getLastUpdated()).isNotNull();
    }

    @Test
    void searchPaging_coversEveryObservationExactlyOnce() {
        IGenericClient c = FhirClients.as(patient.token());
        Bundle page = c.search().forResource(Observation.class).where(Observation.PATIENT.hasId(patient.id()))
                .count(20).returnBundle(Bundle.class).execute();
        int total = page.getTotal();
        assertThat(total).isGreaterThan(20);
        java.util.Set<String> seen = new java.util.HashSet<>();
        int pages = 0;
        while (true) {
            pages++;
            page.getEntry().forEach(e -> assertThat(seen.add(e.getResource().getIdElement().getIdPart())).isTrue());
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = c.loadPage().next(page).execute();
        }
        assertThat(seen).hasSize(total);
        assertThat(pages).isEqualTo((total + 19) / 20);
    }

    @Test
    void searchByCodeAndDatePrefix_narrowsTheObservations() {
        IGenericClient c = FhirClients.as(patient.token());
        Bundle all = c.search().forResource(Observation.class).where(Observation.PATIENT.hasId(patient.id()))
                .count(500).returnBundle(Bundle.class).execute();
        Observation first = (Observation) all.getEntryFirstRep().getResource();
        var coding = first.getCode().getCodingFirstRep();
        Bundle byCode = c.search().forResource(Observation.class).where(Observation.PATIENT.hasId(patient.id()))
                .and(Observation.CODE.exactly().systemAndCode(coding.getSystem(), coding.getCode())).count(500)
                .returnBundle(Bundle.class).execute();
        assertThat(byCode.getTotal()).isPositive().isLessThanOrEqualTo(all.getTotal());
        assertThat(byCode.getEntry()).allSatisfy(e -> assertThat(((Observation) e.getResource()).getCode()
                .getCoding()).anyMatch(cd -> coding.getCode().equals(cd.getCode())));
        Bundle future = c.search().forResource(Observation.class).where(Observation.PATIENT.hasId(patient.id()))
                .and(Observation.DATE.afterOrEquals().day("2999-01-01")).returnBundle(Bundle.class).execute();
        assertThat(future.getTotal()).isZero();
        Bundle past = c.search().forResource(Observation.class).where(Observation.PATIENT.hasId(patient.id()))
                .and(Observation.DATE.after().day("1900-01-01")).count(500).returnBundle(Bundle.class).execute();
        assertThat(past.getTotal()).isEqualTo(all.getTotal());
    }

    @Test
    void subjectStatusAndLastUpdated_narrowTheSearch() {
        IGenericClient c = FhirClients.as(patient.token());
        int all = c.search().forResource(Observation.class).where(Observation.PATIENT.hasId(patient.id()))
                .returnBundle(Bundle.class).execute().getTotal();
        assertThat(all).isPositive();
        assertThat(c.search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patient.id())).returnBundle(Bundle.class).execute()
                .getTotal()).isEqualTo(all);
        assertThat(c.search().forResource(Observation.class).where(Observation.PATIENT.hasId(patient.id()))
                .and(Observation.STATUS.exactly().code("final")).returnBundle(Bundle.class).execute().getTotal())
                .isPositive().isLessThanOrEqualTo(all);
        assertThat(c.search().forResource(Observation.class).where(Observation.PATIENT.hasId(patient.id()))
                .and(Observation.STATUS.exactly().code("entered-in-error")).returnBundle(Bundle.class).execute()
                .getTotal()).isZero();
        assertThat(c.search().forResource(Observation.class).where(Observation.PATIENT.hasId(patient.id()))
                .lastUpdated(new DateRangeParam().setLowerBound("ge2999-01-01")).returnBundle(Bundle.class)
                .execute().getTotal()).isZero();
        assertThat(c.search().forResource(Observation.class).where(Observation.PATIENT.hasId(patient.id()))
                .lastUpdated(new DateRangeParam().setUpperBound("le2999-01-01")).returnBundle(Bundle.class)
                .execute().getTotal()).isEqualTo(all);
    }

    @Test
    void vitalSignsCategory_returnsOnlyVitalSigns() {
        Bundle b = FhirClients.as(patient.token()).search().forResource(Observation.class)
                .where(Observation.CATEGORY.exactly().code("vital-signs")).count(500).returnBundle(Bundle.class)
                .execute();
        assertThat(b.getTotal()).isPositive();
        assertThat(b.getEntry()).allSatisfy(e -> assertThat(((Observation) e.getResource()).getCategory().stream()
                .flatMap(cc -> cc.getCoding().stream()).map(cd -> cd.getCode())).contains("vital-signs"));
    }

    @Test
    void includeOfThePatient_addsThePatientAsAnIncludeEntry() {
        Bundle b = FhirClients.as(patient.token()).search().forResource(Condition.class)
                .where(Condition.PATIENT.hasId(patient.id())).include(Condition.INCLUDE_PATIENT)
                .returnBundle(Bundle.class).execute();
        assertThat(b.getEntry()).anySatisfy(e -> {
            assertThat(e.getResource()).isInstanceOf(Patient.class);
            assertThat(e.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.INCLUDE);
        });
        long conditions = b.getEntry().stream().filter(e -> e.getResource() instanceof Condition).count();
        assertThat(b.getTotal()).isEqualTo((int) conditions);
    }

    @Test
    void referencesToThePatient_pointAtTheServedPatient() {
        Bundle b = FhirClients.as(patient.token()).search().forResource(Condition.class)
                .returnBundle(Bundle.class).execute();
        assertThat(b.getEntry()).allSatisfy(e -> assertThat(((Condition) e.getResource()).getSubject()
                .getReference()).isEqualTo("Patient/" + patient.id()));
    }

    @Test
    void withoutAToken_theSearchIsUnauthenticated() {
        assertThatThrownBy(() -> FhirClients.anonymous().search().forResource(Observation.class)
                .returnBundle(Bundle.class).execute()).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void anUnsupportedParameter_isAnOperationOutcome() {
        assertThatThrownBy(() -> FhirClients.as(patient.token()).search().forResource(Patient.class)
                .where(new TokenClientParam("code").exactly().code("x")).returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDetails()
                                .getCodingFirstRep().getCode())
                        .isEqualTo("SALUS-1500"));
    }

    @Test
    void aDateThatIsNotADate_isA400OperationOutcome_notAFault() {
        assertThatThrownBy(() -> FhirClients.as(patient.token()).search().byUrl("Observation?patient=" + patient.id()
                + "&date=notadate").returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDetails()
                                .getCodingFirstRep().getCode())
                        .isEqualTo("SALUS-1500"));
    }

    @Test
    void aPatientSearchingAnotherPatient_isDeniedByTheDecisionPoint() {
        SharedNode.Account other = SharedNode.open("PATIENT", "Curious patient");
        assertThatThrownBy(() -> FhirClients.as(other.token(), "PATRQT").search().forResource(Observation.class)
                .where(Observation.PATIENT.hasId(patient.id())).returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(
                        ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDetails()
                                .getCodingFirstRep().getCode())
                        .isEqualTo("SALUS-0406"));
        assertThat(List.of(records)).isNotEmpty();
    }
}
