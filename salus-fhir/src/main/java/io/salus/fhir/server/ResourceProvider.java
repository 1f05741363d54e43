package io.salus.fhir.server;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.time.Clock;
import java.util.Date;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * Read and search for one resource type. The parameters declared here are the union over the served types; the
 * CapabilityStatement lists, per type, only those R4 defines for it ({@link Capabilities}), and a search with one the
 * type lacks is refused. Thread-safe.
 */
public class ResourceProvider implements IResourceProvider {
    private final Class<? extends IBaseResource> type;
    private final FhirReads reads;
    private final Clock clock;

    ResourceProvider(Class<? extends IBaseResource> type, FhirReads reads, Clock clock) {
        this.type = type;
        this.reads = reads;
        this.clock = clock;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return type;
    }

    String typeName() {
        return type.getSimpleName();
    }

    @Read
    public IBaseResource read(@IdParam IdType id, RequestDetails rd) {
        return reads.read(Callers.of(rd), typeName(), id.getIdPart());
    }

    @Search(allowUnknownParams = false)
    public IBundleProvider search(RequestDetails rd,
            @Description(shortDefinition = "The patient (by id) whose records are searched") @OptionalParam(name = "patient") ReferenceParam patient,
            @Description(shortDefinition = "The patient (Patient/<id>) whose records are searched") @OptionalParam(name = "subject") ReferenceParam subject,
            @OptionalParam(name = "_id") TokenParam id, @OptionalParam(name = "code") TokenAndListParam code,
            @OptionalParam(name = "category") TokenAndListParam category,
            @OptionalParam(name = "status") TokenAndListParam status,
            @OptionalParam(name = "date") DateRangeParam date,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @IncludeParam Set<Include> includes, @Count Integer count) {
        FhirReads.Found found = reads.search(Callers.of(rd), typeName(), new SearchRequest(patient, subject, id, code,
                category, status, date, lastUpdated, includes));
        return new SearchResults(found, Date.from(clock.instant()), count);
    }
}
