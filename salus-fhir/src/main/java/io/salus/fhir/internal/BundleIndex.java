package io.salus.fhir.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Resource;

/**
 * The bundle's entries by {@code fullUrl} and by {@code Type/id}, the targets that internal references resolve to.
 * Not thread-safe: one per parse.
 */
public final class BundleIndex {

    private final Map<String, Resource> byFullUrl = new HashMap<>();
    private final Map<String, Resource> byTypeAndId = new HashMap<>();

    public BundleIndex(List<BundleEntryComponent> entries) {
        for (BundleEntryComponent entry : entries) {
            Resource r = entry.getResource();
            if (r == null) {
                continue;
            }
            if (entry.hasFullUrl()) {
                byFullUrl.put(entry.getFullUrl(), r);
            }
            String id = r.getIdElement().getIdPart();
            if (id != null) {
                byTypeAndId.put(r.fhirType() + "/" + id, r);
            }
        }
    }

    public Resource byFullUrl(String fullUrl) {
        return byFullUrl.get(fullUrl);
    }

    public Resource byTypeAndId(String type, String id) {
        return byTypeAndId.get(type + "/" + id);
    }
}
