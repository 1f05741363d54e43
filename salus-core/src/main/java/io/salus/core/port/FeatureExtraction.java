package io.salus.core.port;

import io.salus.core.cohort.Feature;
import io.salus.core.cohort.PatientFacts;
import java.util.List;
import java.util.Set;

/** Extracts cohort features from a record's canonical FHIR JSON at deposit time, so no query decrypts records. */
public interface FeatureExtraction {
    List<Feature> features(String resourceType, byte[] json);

    /** Birth date and sex from a Patient resource. */
    PatientFacts facts(byte[] patientJson);

    /** The resource types features or facts are extracted from (the others never yield any). */
    Set<String> resourceTypes();
}
