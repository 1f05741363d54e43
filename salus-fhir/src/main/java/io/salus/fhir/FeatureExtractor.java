package io.salus.fhir;

import io.salus.core.cohort.CodeSystems;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.PatientFacts;
import io.salus.fhir.internal.JsonTree;
import io.salus.fhir.internal.Nodes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Extracts cohort {@link Feature}s from one record's canonical FHIR JSON at deposit time, so that no query ever
 * decrypts a record. Each coding of a supported system ({@link CodeSystems}) gives one feature:
 * <ul>
 * <li>Condition: {@code code}, dated by {@code onsetDateTime}, {@code onsetPeriod.start}, else {@code recordedDate};
 * <li>MedicationRequest, MedicationStatement, MedicationAdministration: {@code medicationCodeableConcept} (a
 * {@code medicationReference} gives nothing), dated by {@code authoredOn}, {@code effectiveDateTime},
 * {@code effectivePeriod.start}, else {@code dateAsserted};
 * <li>Observation: {@code code} with {@code valueQuantity} (the UCUM {@code code} as unit, else the {@code unit}
 * text), and each {@code component} likewise (blood pressure), dated by {@code effectiveDateTime},
 * {@code effectivePeriod.start}, {@code effectiveInstant}, else {@code issued};
 * <li>Procedure: {@code code}, dated by {@code performedDateTime} or {@code performedPeriod.start};
 * <li>Immunization: {@code vaccineCode}, dated by {@code occurrenceDateTime};
 * <li>Bundle (a device batch or an import of readings, stored as one record): the features of each entry's resource
 * as above (a Patient entry gives no facts: it carries identifiers only).
 * </ul>
 * Other resource types give no features. Dates are the calendar date as written. Each resource is parsed once, with a
 * streaming reader that skips the narrative. Thread-safe (stateless apart from an immutable parser factory).
 */
public final class FeatureExtractor implements io.salus.core.port.FeatureExtraction {
    private static final Set<String> MEDICATION_TYPES = Set.of("MedicationRequest", "MedicationStatement",
            "MedicationAdministration");
    private static final String BUNDLE = "Bundle";
    private final JsonTree tree = new JsonTree(Set.of("text", "extension", "identifier", "meta"));

    /**
     * The features of one resource.
     *
     * @throws IllegalArgumentException when {@code canonicalJson} is not a JSON object (canonical JSON always is)
     */
    public List<Feature> extract(String resourceType, byte[] canonicalJson) {
        if (BUNDLE.equals(resourceType)) {
            List<Feature> out = new ArrayList<>();
            for (Object e : Nodes.array(tree.parseObject(canonicalJson), "entry")) {
                if (e instanceof Map<?, ?> entry && entry.get("resource") instanceof Map<?, ?> resource
                        && resource.get("resourceType") instanceof String type && !BUNDLE.equals(type)) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> r = (Map<String, Object>) resource;
                    extract(out, kindOf(type), r);
                }
            }
            return out;
        }
        FeatureKind kind = kindOf(resourceType);
        if (kind == null) {
            return List.of();
        }
        List<Feature> out = new ArrayList<>(2);
        extract(out, kind, tree.parseObject(canonicalJson));
        return out;
    }

    private static void extract(List<Feature> out, FeatureKind kind, Map<String, Object> r) {
        if (kind == null) {
            return;
        }
        switch (kind) {
            case CONDITION -> coded(out, kind, Nodes.object(r, "code"),
                    firstDate(r, "onsetDateTime", "onsetPeriod", "recordedDate"));
            case MEDICATION -> coded(out, kind, Nodes.object(r, "medicationCodeableConcept"),
                    firstDate(r, "authoredOn", "effectiveDateTime", "effectivePeriod", "dateAsserted"));
            case PROCEDURE -> coded(out, kind, Nodes.object(r, "code"),
                    firstDate(r, "performedDateTime", "performedPeriod"));
            case IMMUNIZATION -> coded(out, kind, Nodes.object(r, "vaccineCode"), firstDate(r, "occurrenceDateTime"));
            case OBSERVATION -> observation(out, r);
        }
    }

    /** The birth date and gender of a Patient resource (either empty when absent or malformed). */
    @Override
    public List<Feature> features(String resourceType, byte[] json) {
        return extract(resourceType, json);
    }

    @Override
    public PatientFacts facts(byte[] patientJson) {
        Map<String, Object> r = tree.parseObject(patientJson);
        return new PatientFacts(Nodes.date(Nodes.string(r, "birthDate")),
                Optional.ofNullable(Nodes.string(r, "gender")));
    }

    @Override
    public Set<String> resourceTypes() {
        Set<String> types = new TreeSet<>(MEDICATION_TYPES);
        types.addAll(Set.of("Patient", "Condition", "Observation", "Procedure", "Immunization", BUNDLE));
        return types;
    }

    private static FeatureKind kindOf(String resourceType) {
        return switch (resourceType) {
            case "Condition" -> FeatureKind.CONDITION;
            case "Observation" -> FeatureKind.OBSERVATION;
            case "Procedure" -> FeatureKind.PROCEDURE;
            case "Immunization" -> FeatureKind.IMMUNIZATION;
            default -> MEDICATION_TYPES.contains(resourceType) ? FeatureKind.MEDICATION : null;
        };
    }

    private static void observation(List<Feature> out, Map<String, Object> r) {
        Optional<LocalDate> date = firstDate(r, "effectiveDateTime", "effectivePeriod", "effectiveInstant", "issued");
        measured(out, r, date);
        for (Object c : Nodes.array(r, "component")) {
            if (c instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked")
                Map<String, Object> component = (Map<String, Object>) c;
                measured(out, component, date);
            }
        }
    }

    private static void measured(List<Feature> out, Map<String, Object> element, Optional<LocalDate> date) {
        Map<String, Object> quantity = Nodes.object(element, "valueQuantity");
        Optional<Double> value = Nodes.number(quantity, "value");
        Optional<String> unit = value.isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(Nodes.string(quantity, "code")).or(() -> Optional.ofNullable(
                        Nodes.string(quantity, "unit")));
        for (Object c : Nodes.array(Nodes.object(element, "code"), "coding")) {
            add(out, FeatureKind.OBSERVATION, c, value, unit, date);
        }
    }

    private static void coded(List<Feature> out, FeatureKind kind, Map<String, Object> concept,
            Optional<LocalDate> date) {
        for (Object c : Nodes.array(concept, "coding")) {
            add(out, kind, c, Optional.empty(), Optional.empty(), date);
        }
    }

    private static void add(List<Feature> out, FeatureKind kind, Object coding, Optional<Double> value,
            Optional<String> unit, Optional<LocalDate> date) {
        if (coding instanceof Map<?, ?> m && m.get("system") instanceof String system
                && CodeSystems.supported(system) && m.get("code") instanceof String code && !code.isBlank()) {
            out.add(new Feature(kind, system, code, value, unit, date));
        }
    }

    private static Optional<LocalDate> firstDate(Map<String, Object> r, String... fields) {
        for (String f : fields) {
            Object v = r.get(f);
            String s = v instanceof String str
                    ? str
                    : v instanceof Map<?, ?> period
                            && period.get("start") instanceof String start ? start : null;
            Optional<LocalDate> d = Nodes.date(s);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }
}
