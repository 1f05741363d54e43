package io.salus.bench.population;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The distributions the generator samples from, learned from the committed Synthea fixtures by {@link ModelLearner}.
 * Every fixture patient becomes a {@link Template} (its sex, age, condition set, encounter rate and observation
 * statistics), so the joint structure of the fixtures (which conditions co-occur, how age goes with height) is kept;
 * the pooled tables smooth the templates. Immutable and thread-safe.
 *
 * @param referenceDate the date ages and histories are measured from (the fixtures' Synthea reference date)
 * @param fixtureYears the years of history the fixtures cover
 * @param templates one per fixture patient
 * @param conditions every condition seen, with its smoothed prevalence
 * @param medications per condition code: the medications prescribed for it and how often
 * @param observations pooled statistics per LOINC code (quantity-valued observations only)
 * @param encounterTypes the encounter types seen, with their counts
 * @param pooledEncountersPerYear encounters per patient-year over all fixtures
 */
public record PopulationModel(LocalDate referenceDate, int fixtureYears, List<Template> templates,
        List<Condition> conditions, Map<String, List<MedicationLink>> medications,
        Map<String, ObservationStats> observations, List<EncounterType> encounterTypes,
        double pooledEncountersPerYear) {

    public PopulationModel {
        templates = List.copyOf(templates);
        conditions = List.copyOf(conditions);
        medications = sorted(medications);
        observations = sorted(observations);
        encounterTypes = List.copyOf(encounterTypes);
    }

    /**
     * An immutable copy that iterates in key order: {@code Map.copyOf} iterates in an order salted per JVM, which made
     * the generated bundles differ between runs with the same seed.
     */
    static <V> Map<String, V> sorted(Map<String, V> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    /** A coded concept: system, code and display. */
    public record Concept(String system, String code, String display) {
    }

    /** One fixture patient. {@code observationRates} are per encounter, with the patient's own value statistics. */
    public record Template(String sex, double ageYears, List<String> conditionCodes, double encountersPerYear,
            Map<String, TemplateObservation> observationRates) {
        public Template {
            conditionCodes = List.copyOf(conditionCodes);
            observationRates = sorted(observationRates);
        }
    }

    /** A patient's observations of one LOINC code: how many per encounter, and their mean and spread. */
    public record TemplateObservation(double perEncounter, double mean, double sd) {
    }

    /** A condition and its prevalence: raw (patients having it / patients) and smoothed (add-half). */
    public record Condition(Concept concept, double prevalence, double smoothedPrevalence) {
    }

    /** A medication prescribed for a condition, with P(prescribed | condition). */
    public record MedicationLink(Concept medication, double probability) {
    }

    /** Pooled statistics of one LOINC code over all fixture observations. */
    public record ObservationStats(Concept concept, String category, String unit, long count, double mean,
            double sd, double min, double max) {
    }

    /** An encounter type (class code and SNOMED type) and how many fixture encounters had it. */
    public record EncounterType(String classCode, Concept type, int count) {
    }
}
