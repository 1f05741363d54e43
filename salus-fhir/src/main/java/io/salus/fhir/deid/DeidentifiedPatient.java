package io.salus.fhir.deid;

import java.util.List;

/**
 * A patient's de-identified resources for one deal: the Patient first (the de-identified one, or a bare stub when no
 * Patient resource was given), then the patient's records in input order, then bare stubs of the directory resources
 * they refer to (Practitioner, Organization, Location...). {@code patientId} is the patient's pseudonymous id in the
 * deal. Immutable.
 */
public record DeidentifiedPatient(String patientId, List<DeidentifiedResource> resources) {
    public DeidentifiedPatient {
        resources = List.copyOf(resources);
    }
}
