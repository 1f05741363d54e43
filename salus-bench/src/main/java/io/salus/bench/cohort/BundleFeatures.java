package io.salus.bench.cohort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.PatientFacts;
import io.salus.fhir.FeatureExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's way to features: each resource of a generated bundle through {@link FeatureExtractor} (the Patient's
 * birth date and sex through {@link FeatureExtractor#facts}). The reference {@link FeatureDraws} is checked against.
 * Thread-safe.
 */
public final class BundleFeatures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FeatureExtractor extractor = new FeatureExtractor();

    public PatientFeatures of(int index, byte[] bundle) {
        try {
            PatientFacts facts = PatientFacts.UNKNOWN;
            List<Feature> features = new ArrayList<>();
            for (JsonNode entry : JSON.readTree(bundle).path("entry")) {
                JsonNode resource = entry.path("resource");
                String type = resource.path("resourceType").asText();
                byte[] json = JSON.writeValueAsBytes(resource);
                if (type.equals("Patient")) {
                    facts = extractor.facts(json);
                } else {
                    features.addAll(extractor.extract(type, json));
                }
            }
            return new PatientFeatures(index, facts, features);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
