package io.salus.fhir.risk;

import io.salus.core.scores.RiskEvidence;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * Values from Observations by LOINC code, the latest (by effective time, else issued) of each, in the unit the scores
 * use (cholesterol in mg/dL, from mmol/L × 38.67; waist in cm, from inches × 2.54); an Observation entered in error or
 * cancelled, or in another unit, is not used. The systolic pressure is read from its own Observation or the
 * blood-pressure panel's component. Current smoking from the latest smoking status (LOINC 72166-2).
 */
final class Measurements {
    static final String LOINC = "http://loinc.org";
    static final Code TOTAL_CHOLESTEROL = new Code(Set.of("2093-3"), Map.of("mg/dL", 1.0, "mmol/L", 38.67));
    static final Code HDL = new Code(Set.of("2085-9"), Map.of("mg/dL", 1.0, "mmol/L", 38.67));
    static final Code SYSTOLIC = new Code(Set.of("8480-6"), Map.of("mm[Hg]", 1.0, "mmHg", 1.0));
    static final Code BMI = new Code(Set.of("39156-5"), Map.of("kg/m2", 1.0));
    static final Code WAIST = new Code(Set.of("8280-0", "56086-2"), Map.of("cm", 1.0, "[in_i]", 2.54));
    static final Code HBA1C = new Code(Set.of("4548-4"), Map.of("%", 1.0));
    static final Code FASTING_GLUCOSE = new Code(Set.of("1558-6"), Map.of("mg/dL", 1.0, "mmol/L", 18.016));
    /** SNOMED CT smoking statuses that mean a current smoker. */
    static final Set<String> CURRENT_SMOKER = Set.of("449868002", "428041000124106", "77176002", "428071000124103",
            "428061000124105");
    private final List<Observation> observations;
    private final Map<String, RiskEvidence.Source> basis;

    /** LOINC codes of one measurement and the factor from each accepted UCUM unit to the score's unit. */
    record Code(Set<String> loinc, Map<String, Double> units) {
    }

    private record Value(Observation source, double value) {
    }

    Measurements(List<Resource> resources, Map<String, RiskEvidence.Source> basis) {
        this.observations = resources.stream().filter(Observation.class::isInstance).map(Observation.class::cast)
                .filter(o -> o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR && o
                        .getStatus() != Observation.ObservationStatus.CANCELLED)
                .sorted(Comparator.comparing(Measurements::when).reversed()).toList();
        this.basis = basis;
    }

    /** The latest value of the code (noted in the basis under {@code input}). */
    Optional<Double> latest(String input, Code code) {
        Optional<Value> v = values(code).stream().findFirst();
        v.ifPresent(x -> basis.put(input, new RiskEvidence.Source(ref(x.source()), String.format(Locale.ROOT,
                "%s %.1f (%s)", input, x.value(), when(x.source())))));
        return v.map(Value::value);
    }

    /** Whether the latest smoking status says a current smoker. */
    Optional<Boolean> smoker() {
        Optional<Observation> status = observations.stream().filter(o -> coded(o, Set.of("72166-2")) && o
                .hasValueCodeableConcept()).findFirst();
        status.ifPresent(o -> basis.put("current smoker", new RiskEvidence.Source(ref(o), "smoking status "
                + RiskEvidenceReader.text(o.getValueCodeableConcept()))));
        return status.map(o -> o.getValueCodeableConcept().getCoding().stream().anyMatch(c -> CURRENT_SMOKER
                .contains(String.valueOf(c.getCode()))));
    }

    /**
     * High blood glucose ever: diabetes or prediabetes on the problem list, an HbA1c ≥ 5.7 % or a fasting glucose ≥
     * 100 mg/dL; false if glucose was measured and never high; unknown otherwise.
     */
    Optional<Boolean> highGlucoseEver(Conditions conditions) {
        String input = "high blood glucose ever";
        Optional<Condition> c = conditions.find(Conditions.DIABETES).or(() -> conditions.find(
                Conditions.PREDIABETES));
        if (c.isPresent()) {
            basis.put(input, new RiskEvidence.Source(RiskEvidenceReader.ref(c.get()),
                    RiskEvidenceReader.text(c.get().getCode())));
            return Optional.of(true);
        }
        List<Value> a1c = values(HBA1C);
        List<Value> fasting = values(FASTING_GLUCOSE);
        Optional<Value> high = a1c.stream().filter(v -> v.value() >= 5.7).findFirst().or(() -> fasting.stream()
                .filter(v -> v.value() >= 100).findFirst());
        if (high.isPresent()) {
            basis.put(input, new RiskEvidence.Source(ref(high.get().source()), "high glucose measurement " + high
                    .get().value()));
            return Optional.of(true);
        }
        if (a1c.isEmpty() && fasting.isEmpty()) {
            return Optional.empty();
        }
        basis.put(input, new RiskEvidence.Source("", (a1c.size() + fasting.size()) + " glucose measurements, none"
                + " high"));
        return Optional.of(false);
    }

    private List<Value> values(Code code) {
        return observations.stream().<Value>mapMulti((o, out) -> {
            if (coded(o, code.loinc()) && o.hasValueQuantity()) {
                factor(o.getValueQuantity(), code).ifPresent(f -> out.accept(new Value(o, o.getValueQuantity()
                        .getValue().doubleValue() * f)));
            }
            o.getComponent().stream().filter(c -> c.getCode().getCoding().stream().anyMatch(x -> LOINC.equals(x
                    .getSystem()) && code.loinc().contains(String.valueOf(x.getCode()))) && c.hasValueQuantity())
                    .findFirst()
                    .ifPresent(c -> factor(c.getValueQuantity(), code).ifPresent(f -> out.accept(new Value(o, c
                            .getValueQuantity().getValue().doubleValue() * f))));
        }).toList();
    }

    private static Optional<Double> factor(Quantity q, Code code) {
        String unit = q.hasCode() ? q.getCode() : q.getUnit();
        return q.hasValue() && unit != null ? Optional.ofNullable(code.units().get(unit)) : Optional.empty();
    }

    private static boolean coded(Observation o, Set<String> loinc) {
        return o.getCode().getCoding().stream()
                .anyMatch(c -> LOINC.equals(c.getSystem()) && loinc.contains(String.valueOf(c
                        .getCode())));
    }

    private static String when(Observation o) {
        if (o.hasEffectiveDateTimeType()) {
            return o.getEffectiveDateTimeType().getValueAsString();
        }
        return o.hasIssued() ? o.getIssuedElement().getValueAsString() : "";
    }

    private static String ref(Observation o) {
        return RiskEvidenceReader.ref(o);
    }
}
