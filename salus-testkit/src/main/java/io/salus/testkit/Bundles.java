package io.salus.testkit;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Small valid FHIR R4 bundles: one Patient (identified by {@code urn:salus:test|<identifier>}) and some heart-rate
 * Observations about them. Thread-safe (stateless).
 */
public final class Bundles {
    private Bundles() {
    }

    public static byte[] patientWithObservations(String identifier, int observations) {
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        StringBuilder b = new StringBuilder();
        b.append("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        b.append("{\"fullUrl\":\"").append(patientUrl).append("\",\"resource\":{\"resourceType\":\"Patient\",")
                .append("\"identifier\":[{\"system\":\"urn:salus:test\",\"value\":\"").append(identifier)
                .append("\"}],\"gender\":\"female\",\"birthDate\":\"1970-01-01\"}}");
        for (int i = 0; i < observations; i++) {
            b.append(",{\"fullUrl\":\"urn:uuid:").append(UUID.randomUUID()).append("\",\"resource\":{")
                    .append("\"resourceType\":\"Observation\",\"status\":\"final\",")
                    .append("\"category\":[{\"coding\":[{\"system\":")
                    .append("\"http://terminology.hl7.org/CodeSystem/observation-category\",")
                    .append("\"code\":\"vital-signs\"}]}],")
                    .append("\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\",")
                    .append("\"display\":\"Heart rate\"}]},\"subject\":{\"reference\":\"").append(patientUrl)
                    .append("\"},\"effectiveDateTime\":\"2024-01-0").append(1 + i % 9)
                    .append("T10:00:00Z\",\"valueQuantity\":{\"value\":").append(60 + i)
                    .append(",\"unit\":\"/min\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}}}");
        }
        b.append("]}");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
