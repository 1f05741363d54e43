package io.salus.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import io.salus.core.record.Category;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.consent.RecordRelease;
import io.salus.core.usecase.scores.RiskAssessmentReads;
import jakarta.servlet.http.HttpServlet;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.RiskAssessment;

/**
 * The FHIR R4 server under {@code /fhir}: HAPI FHIR's plain {@link RestfulServer} with Salus providers (read and
 * search of the types in {@link #SERVED_TYPES} and of the kept {@code RiskAssessment}s, transactions, {@code $export}), caller authentication, caller-bound
 * paging and a CapabilityStatement that states what is served. The node mounts the returned servlet; nothing outside
 * this module sees HAPI. Thread-safe once initialised by the servlet container.
 */
public final class FhirServlet {
    /** The resource types served for read and search. */
    public static final List<String> SERVED_TYPES = List.of("Patient", "Observation", "Condition",
            "MedicationRequest", "Procedure", "Immunization", "AllergyIntolerance", "Encounter", "DiagnosticReport",
            "DocumentReference", "Device");

    private FhirServlet() {
    }

    /** What the server needs from the node. */
    public record Dependencies(FhirAuthenticator authenticator, RecordRelease release, RiskAssessmentReads risks,
            DepositService deposits, BulkKickOff bulk, Supplier<String> smartConfiguration, Supplier<String> nodeBase,
            long maxBodyBytes,
            Clock clock, SecureRandom random) {
    }

    public static HttpServlet create(Dependencies d) {
        FhirContext fhir = FhirContext.forR4();
        fhir.getParserOptions().setOverrideResourceIdWithBundleEntryFullUrl(false);
        SearchMatcher matcher = new SearchMatcher(fhir);
        FhirReads reads = new FhirReads(d.release(), new ServedResources(fhir), matcher, d.risks());
        ExportOperation export = new ExportOperation(d.bulk(), SERVED_TYPES);
        RestfulServer server = new RestfulServer(fhir);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setDefaultPrettyPrint(false);
        server.setImplementationDescription("Salus: a patient-owned health data bank");
        List<Object> providers = new ArrayList<>();
        providers.add(new PatientProvider(reads, export, d.clock()));
        for (String type : SERVED_TYPES) {
            if (!"Patient".equals(type)) {
                providers.add(new ResourceProvider(resourceClass(fhir, type), reads, d.clock()));
            }
        }
        providers.add(new ResourceProvider(RiskAssessment.class, reads, d.clock()));
        providers.add(new GroupProvider(export));
        server.registerProviders(providers);
        server.registerProvider(new TransactionProvider(d.deposits()));
        server.registerInterceptor(new Faults(d.maxBodyBytes()));
        server.registerInterceptor(new CallerInterceptor(d.authenticator(), d.smartConfiguration()));
        server.registerInterceptor(new Capabilities(matcher, d.nodeBase()));
        server.setPagingProvider(new CallerBoundPaging(reads, d.clock(), d.random(), Duration.ofMinutes(10), 1000));
        return server;
    }

    /** Whether every served type maps to a data category (checked by a test). */
    static boolean everyTypeHasACategory() {
        return SERVED_TYPES.stream().allMatch(t -> "Observation".equals(t)
                || Category.of(t, java.util.Set.of()).isPresent());
    }

    private static Class<? extends IBaseResource> resourceClass(FhirContext fhir, String type) {
        return fhir.getResourceDefinition(type).getImplementingClass();
    }
}
