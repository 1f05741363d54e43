package io.salus.core.port;

import io.salus.core.cohort.Feature;
import io.salus.core.cohort.PatientFacts;
import java.util.List;

/** Extracts cohort features from a record's canonical FHIR JSON at deposit time, so no query decrypts records. */
public interface FeatureExtraction {
    List<Feature> features(String resourceType, byte[] json);

    /** Birth date and sex from a Patient resource. */
    PatientFacts facts(byte[] patientJson);
}
