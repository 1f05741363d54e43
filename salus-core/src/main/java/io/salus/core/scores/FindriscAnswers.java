package io.salus.core.scores;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The patient's own answers to FINDRISC's questionnaire: the questions records never hold (daily physical activity,
 * daily vegetables, fruit or berries, family history of diabetes) and those records may not answer (antihypertensive
 * medication ever, high blood glucose ever, a self-measured waist circumference in cm). An unanswered question stays
 * unknown.
 */
public record FindriscAnswers(Optional<Boolean> physicallyActive, Optional<Boolean> dailyVegetablesOrFruit,
        Optional<FamilyHistory> familyHistory, Optional<Boolean> antihypertensiveMedication,
        Optional<Boolean> highGlucoseEver, Optional<Double> waistCm) {

    public FindriscAnswers {
        Objects.requireNonNull(physicallyActive, "physicallyActive");
        Objects.requireNonNull(dailyVegetablesOrFruit, "dailyVegetablesOrFruit");
        Objects.requireNonNull(familyHistory, "familyHistory");
        Objects.requireNonNull(antihypertensiveMedication, "antihypertensiveMedication");
        Objects.requireNonNull(highGlucoseEver, "highGlucoseEver");
        Objects.requireNonNull(waistCm, "waistCm");
    }

    /**
     * The evidence with these answers filled in: each input the records do not give is taken from the answers (what
     * the records say wins). Each answer used is named in the basis with {@code reference} (the stored
     * QuestionnaireResponse).
     */
    public RiskEvidence applyTo(RiskEvidence evidence, String reference) {
        FindriscInputs f = evidence.findrisc();
        Map<String, RiskEvidence.Source> basis = new LinkedHashMap<>(evidence.basis());
        FindriscInputs merged = new FindriscInputs(f.age(), f.sex(), f.bmi(), fill(f.waistCm(), waistCm,
                "waist circumference", basis, reference),
                fill(f.physicallyActive(), physicallyActive,
                        "physically active 30 minutes daily", basis, reference),
                fill(f.dailyVegetablesOrFruit(),
                        dailyVegetablesOrFruit, "vegetables, fruit or berries every day", basis, reference),
                fill(f.antihypertensiveMedication(), antihypertensiveMedication, "antihypertensive medication ever",
                        basis, reference),
                fill(f.highGlucoseEver(), highGlucoseEver, "high blood glucose ever", basis,
                        reference),
                fill(f.familyHistory(), familyHistory, "family history of diabetes",
                        basis, reference));
        return new RiskEvidence(evidence.pce(), evidence.cha2ds2Vasc(), merged, basis, evidence.notes());
    }

    private static <T> Optional<T> fill(Optional<T> fromRecords, Optional<T> answer, String input,
            Map<String, RiskEvidence.Source> basis, String reference) {
        if (fromRecords.isPresent() || answer.isEmpty()) {
            return fromRecords;
        }
        basis.put(input, new RiskEvidence.Source(reference, "the patient's answer: " + answer.get().toString()
                .toLowerCase(Locale.ROOT).replace('_', ' ')));
        return answer;
    }
}
