package io.salus.bench.cohort;

import io.salus.core.cohort.Feature;
import io.salus.core.cohort.PatientFacts;
import java.util.List;

/**
 * What the cohort index and the SQL baseline know of one generated patient: its index in the population, its birth date
 * and sex, and its features. Immutable.
 */
public record PatientFeatures(int index, PatientFacts facts, List<Feature> features) {
    public PatientFeatures {
        features = List.copyOf(features);
    }
}
