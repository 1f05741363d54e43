package io.salus.fhir.server;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import jakarta.annotation.Nonnull;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;

/**
 * A search's results: the matches (counted in {@code total} and paged) and the included resources (on the first
 * page, marked {@code include}, never counted). Remembers the release it came from so that the paging provider can
 * decide later pages again. Thread-safe (immutable).
 */
final class SearchResults implements IBundleProvider {
    private final List<Resource> matches;
    private final List<Resource> included;
    private final FhirReads.Found found;
    private final InstantType published;
    private final Integer pageSize;

    SearchResults(FhirReads.Found found, Date published, Integer pageSize) {
        this.found = found;
        this.matches = List.copyOf(found.matches());
        this.included = List.copyOf(found.included());
        this.included.forEach(r -> ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(r, BundleEntrySearchModeEnum.INCLUDE));
        this.published = new InstantType(published);
        this.pageSize = pageSize;
    }

    FhirReads.Found found() {
        return found;
    }

    @Override
    public IPrimitiveType<Date> getPublished() {
        return published;
    }

    @Nonnull
    @Override
    public List<IBaseResource> getResources(int from, int to) {
        List<IBaseResource> out = new ArrayList<>(matches.subList(Math.min(from, matches.size()),
                Math.min(to, matches.size())));
        if (from == 0) {
            out.addAll(included);
        }
        return out;
    }

    @Override
    public String getUuid() {
        return null;
    }

    @Override
    public Integer preferredPageSize() {
        return pageSize;
    }

    @Override
    public Integer size() {
        return matches.size();
    }
}
