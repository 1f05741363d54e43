package io.salus.core.record;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data categories a patient's records fall into: the one place they are listed. {@link #bit} is the category's
 * bit in on-chain bitmasks (consent grants, deals). Each FHIR resource type maps to exactly one category.
 */
public enum Category {
    DEMOGRAPHICS(0, Set.of("Patient", "RelatedPerson")),
    CONDITIONS(1, Set.of("Condition")),
    MEDICATIONS(2,
            Set.of("MedicationRequest", "MedicationStatement", "MedicationAdministration",
                    "MedicationDispense", "Medication")),
    LAB_RESULTS(3, Set.of()),
    VITAL_SIGNS(4,
            Set.of()),
    PROCEDURES(5, Set.of("Procedure")),
    IMMUNIZATIONS(6,
            Set.of("Immunization")),
    ALLERGIES(7, Set.of("AllergyIntolerance")),
    ENCOUNTERS(8,
            Set.of("Encounter", "EpisodeOfCare", "CarePlan", "CareTeam", "Claim",
                    "ExplanationOfBenefit",
                    "Provenance", "Goal", "ServiceRequest")),
    IMAGING(9,
            Set.of("ImagingStudy", "Media")),
    DOCUMENTS(10,
            Set.of("DocumentReference", "DiagnosticReport",
                    "Composition")),
    DEVICES(
            11,
            Set.of("Device",
                    "DeviceUseStatement",
                    "DeviceRequest",
                    "SupplyDelivery"));

    private static final Map<String, Category> BY_TYPE = buildIndex();

    private final int bit;
    private final Set<String> resourceTypes;

    Category(int bit, Set<String> resourceTypes) {
        this.bit = bit;
        this.resourceTypes = resourceTypes;
    }

    public int bit() {
        return bit;
    }

    public long mask() {
        return 1L << bit;
    }

    /**
     * The category of a resource. Observations are split by their FHIR observation-category code: {@code laboratory}
     * goes to lab results, {@code vital-signs} to vital signs, anything else to lab results (measurements).
     */
    public static Optional<Category> of(String resourceType, Set<String> observationCategories) {
        if ("Observation".equals(resourceType)) {
            return Optional.of(observationCategories.contains("vital-signs") ? VITAL_SIGNS : LAB_RESULTS);
        }
        return Optional.ofNullable(BY_TYPE.get(resourceType));
    }

    public static Optional<Category> parse(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Category> buildIndex() {
        var m = new java.util.HashMap<String, Category>();
        for (Category c : values()) {
            for (String t : c.resourceTypes) {
                m.put(t, c);
            }
        }
        return Map.copyOf(m);
    }
}
