package io.salus.fhir;

/** Builds small bundle JSON texts for tests. */
final class Bundles {

    static final String PATIENT_ID = "11111111-1111-4111-8111-111111111111";
    static final String PATIENT_URL = "urn:uuid:" + PATIENT_ID;

    private Bundles() {
    }

    static String patient() {
        return "{\"fullUrl\":\"" + PATIENT_URL + "\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"" + PATIENT_ID
                + "\",\"identifier\":[{\"system\":\"urn:example:mrn\",\"value\":\"A1\"}]}}";
    }

    /** A deterministic uuid for a short test id. */
    static String uuid(String id) {
        return java.util.UUID.nameUUIDFromBytes(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    static String observation(String category, String id) {
        return "{\"fullUrl\":\"urn:uuid:" + uuid(id) + "\",\"resource\":{\"resourceType\":\"Observation\",\"id\":\""
                + id + "\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"" + category
                + "\"}]}],\"code\":{\"text\":\"t\"},\"subject\":{\"reference\":\"" + PATIENT_URL + "\"}}}";
    }

    static String bundle(String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    static String withPatient(String... entries) {
        String[] all = new String[entries.length + 1];
        all[0] = patient();
        System.arraycopy(entries, 0, all, 1, entries.length);
        return bundle(all);
    }
}
