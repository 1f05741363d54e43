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
        return "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    /**
     * A transaction bundle (conditional references are only allowed there): each entry gets the {@code request} FHIR
     * requires in a transaction.
     */
    static String transactionWithPatient(String... entries) {
        String all = withPatient(entries).replace("\"type\":\"collection\"", "\"type\":\"transaction\"");
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\\{\"fullUrl\":\"[^\"]*\",\"resource\":\\{\"resourceType\":\"(\\w+)\"").matcher(all);
        StringBuilder out = new StringBuilder();
        int last = 0;
        java.util.List<String> types = new java.util.ArrayList<>();
        while (m.find()) {
            types.add(m.group(1));
        }
        for (String type : types) {
            int at = all.indexOf("\"resourceType\":\"" + type + "\"", last);
            int end = endOfEntry(all, at);
            out.append(all, last, end).append(",\"request\":{\"method\":\"POST\",\"url\":\"").append(type)
                    .append("\"}");
            last = end;
        }
        return out.append(all.substring(last)).toString();
    }

    /** The index just after the closing brace of the resource object whose type name is at {@code from}. */
    private static int endOfEntry(String json, int from) {
        int depth = 1;
        int i = json.lastIndexOf('{', from - 1) + 1;
        for (; depth > 0; i++) {
            char c = json.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        }
        return i;
    }

    static String withPatient(String... entries) {
        String[] all = new String[entries.length + 1];
        all[0] = patient();
        System.arraycopy(entries, 0, all, 1, entries.length);
        return bundle(all);
    }
}
