package io.salus.node.it;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A Patient and heart rates of chosen values (resources with ids, as delivery de-identification needs), so that a
 * cohort criterion can select exactly these patients.
 */
final class ErasureBundles {
    private ErasureBundles() {
    }

    static byte[] heartRates(String identifier, int base, int observations) {
        String patientId = UUID.randomUUID().toString();
        String patientUrl = "urn:uuid:" + patientId;
        StringBuilder b = new StringBuilder();
        b.append("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        b.append("{\"fullUrl\":\"").append(patientUrl).append("\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"")
                .append(patientId).append("\",")
                .append("\"identifier\":[{\"system\":\"urn:salus:erasure-test\",\"value\":\"").append(identifier)
                .append("\"}],\"gender\":\"male\",\"birthDate\":\"1980-05-05\"}}");
        for (int i = 0; i < observations; i++) {
            String id = UUID.randomUUID().toString();
            b.append(",{\"fullUrl\":\"urn:uuid:").append(id).append("\",\"resource\":{")
                    .append("\"resourceType\":\"Observation\",\"id\":\"").append(id).append("\",\"status\":\"final\",")
                    .append("\"category\":[{\"coding\":[{\"system\":")
                    .append("\"http://terminology.hl7.org/CodeSystem/observation-category\",")
                    .append("\"code\":\"vital-signs\"}]}],")
                    .append("\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\",")
                    .append("\"display\":\"Heart rate\"}]},\"subject\":{\"reference\":\"").append(patientUrl)
                    .append("\"},\"effectiveDateTime\":\"2024-02-0").append(1 + i % 9)
                    .append("T10:00:00Z\",\"valueQuantity\":{\"value\":").append(base + i)
                    .append(",\"unit\":\"/min\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}}}");
        }
        b.append("]}");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
