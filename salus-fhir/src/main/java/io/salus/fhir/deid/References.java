package io.salus.fhir.deid;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where the references of one patient's resources go in the package: resources of the package by original id (for
 * {@code urn:uuid:} references) and by {@code Type/id}, every id the patient's Patient resources had, and the bare
 * stubs that replace directory resources (Practitioner, Organization...), which are not stored as patient data. Not
 * thread-safe: one per de-identification call.
 */
final class References {
    /** Resource types that are directory data, referenced by records but not stored as the patient's. */
    static final Set<String> DIRECTORY_TYPES = Set.of("Organization", "Practitioner", "PractitionerRole", "Location",
            "HealthcareService", "Endpoint");

    private final Pseudonyms pseudonyms;
    private final String patientReference;
    private final Set<String> patientIds;
    private final Map<String, String> byId = new HashMap<>();
    private final Map<String, String> byTypeAndId = new HashMap<>();
    private final Map<String, String> stubs = new TreeMap<>();

    References(Pseudonyms pseudonyms, String patientPseudonym, Set<String> patientIds) {
        this.pseudonyms = pseudonyms;
        this.patientReference = "Patient/" + patientPseudonym;
        this.patientIds = patientIds;
    }

    /** Registers a resource of the package; returns its pseudonymous id. */
    String add(String type, String originalId) {
        String pseudo = pseudonyms.id(type, originalId);
        byId.put(originalId, type + "/" + pseudo);
        byTypeAndId.put(type + "/" + originalId, type + "/" + pseudo);
        return pseudo;
    }

    /**
     * The package reference that replaces {@code original}, or null when it points at nothing in the package (a record
     * outside the deal's categories, another server, an unknown target): such references are removed.
     */
    String map(String original) {
        if (original.startsWith("urn:uuid:") || original.startsWith("urn:oid:")) {
            String id = original.substring(original.indexOf(':', 4) + 1);
            return patientIds.contains(id) ? patientReference : byId.get(id);
        }
        int q = original.indexOf('?');
        if (q > 0) {
            return stub(original.substring(0, q), original);
        }
        String[] parts = original.split("/", -1);
        int n = parts.length;
        if (n >= 4 && "_history".equals(parts[n - 2])) {
            n -= 2;
        }
        if (n < 2 || parts[n - 1].isEmpty()) {
            return null;
        }
        String type = parts[n - 2];
        String id = parts[n - 1];
        if ("Patient".equals(type) && patientIds.contains(id)) {
            return patientReference;
        }
        String local = byTypeAndId.get(type + "/" + id);
        if (local != null) {
            return local;
        }
        return stub(type, original);
    }

    private String stub(String type, String original) {
        if (!DIRECTORY_TYPES.contains(type)) {
            return null;
        }
        String ref = type + "/" + pseudonyms.id(type, original);
        stubs.put(ref, type);
        return ref;
    }

    /** The directory stubs referred to so far, {@code Type/id} to type, sorted. */
    Map<String, String> stubs() {
        return stubs;
    }
}
