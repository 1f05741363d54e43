package io.salus.fhir.risk;

import io.salus.core.scores.RiskEvidence;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/**
 * The conditions the scores ask about, by SNOMED CT code or ICD-10 category prefix. A condition ever recorded counts
 * (the scores ask "has had"), except one entered in error or refuted. With no Condition records at all every condition
 * is unknown.
 */
final class Conditions {
    static final String SNOMED = "http://snomed.info/sct";
    static final Codes DIABETES = new Codes(Set.of("44054006", "46635009", "73211009"), List.of("E10", "E11", "E13",
            "E14"));
    static final Codes HYPERTENSION = new Codes(Set.of("38341003", "59621000"), List.of("I10", "I11", "I12", "I13",
            "I15"));
    static final Codes HEART_FAILURE = new Codes(Set.of("84114007", "42343007", "88805009"), List.of("I50"));
    static final Codes STROKE = new Codes(Set.of("230690007", "422504002", "266257000", "59282003"), List.of("I63",
            "I64", "G45", "I26", "I74"));
    static final Codes VASCULAR = new Codes(Set.of("22298006", "401303003", "401314000", "399211009", "399957001",
            "840580004"), List.of("I21", "I22", "I252", "I25.2", "I70", "I739", "I73.9"));
    static final Codes PREDIABETES = new Codes(Set.of("15777000", "714628002"), List.of("R73"));
    private final List<Condition> conditions;
    private final Map<String, RiskEvidence.Source> basis;

    /** SNOMED CT codes and ICD-10 prefixes of one condition. */
    record Codes(Set<String> snomed, List<String> icd10) {
        boolean matches(CodeableConcept code) {
            for (Coding c : code.getCoding()) {
                String system = c.getSystem() == null ? "" : c.getSystem();
                String value = c.getCode() == null ? "" : c.getCode();
                if (system.equals(SNOMED) && snomed.contains(value)
                        || system.startsWith("http://hl7.org/fhir/sid/icd-10")
                                && icd10.stream().anyMatch(value::startsWith)) {
                    return true;
                }
            }
            return false;
        }
    }

    Conditions(List<Condition> conditions, Map<String, RiskEvidence.Source> basis) {
        this.conditions = conditions.stream().filter(c -> !c.hasVerificationStatus() || !Set.of("entered-in-error",
                "refuted").contains(String.valueOf(c.getVerificationStatus().getCodingFirstRep().getCode()))).toList();
        this.basis = basis;
    }

    boolean any() {
        return !conditions.isEmpty();
    }

    /** Whether the condition is recorded (its record noted in the basis), unknown without a problem list. */
    Optional<Boolean> has(String input, Codes codes) {
        Optional<Condition> found = find(codes);
        found.ifPresent(c -> basis.put(input, new RiskEvidence.Source(RiskEvidenceReader.ref(c),
                RiskEvidenceReader.text(c.getCode()))));
        if (found.isEmpty() && any()) {
            basis.put(input, new RiskEvidence.Source("", "not on the problem list (" + conditions.size()
                    + " conditions)"));
        }
        return any() ? Optional.of(found.isPresent()) : Optional.empty();
    }

    Optional<Condition> find(Codes codes) {
        return conditions.stream().filter(c -> codes.matches(c.getCode())).findFirst();
    }
}
