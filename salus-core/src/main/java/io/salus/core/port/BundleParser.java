package io.salus.core.port;

import io.salus.core.error.Result;
import io.salus.core.record.Category;
import java.util.List;
import java.util.Set;

/**
 * Parses and validates a FHIR R4 Bundle (JSON) into the records of one patient. Every failure is an expected one with
 * a stable code (invalid JSON, not a bundle, unknown resource type, invalid content, a resource about another patient,
 * a broken reference, too large). Thread-safe.
 */
public interface BundleParser {

    Result<ParsedBundle> parse(byte[] json);

    /**
     * The bundle's patient-level records. {@code patientIdentifiers} are the identifiers ({@code system|value}) of the
     * bundle's Patient resource, empty if it has none. {@code skipped} counts directory resources (Organization,
     * Practitioner, Location...) that are referenced but are not patient data and are not stored.
     */
    record ParsedBundle(Set<String> patientIdentifiers, List<ParsedResource> resources, int skipped) {
        public ParsedBundle {
            patientIdentifiers = Set.copyOf(patientIdentifiers);
            resources = List.copyOf(resources);
        }
    }

    /** One resource, its category and its canonical JSON (the bytes that are sealed and hashed). */
    record ParsedResource(String resourceType, String fhirId, Category category, byte[] json) {
    }
}
