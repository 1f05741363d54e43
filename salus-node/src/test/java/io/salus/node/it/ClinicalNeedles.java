package io.salus.node.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a dump must not show of a FHIR bundle: its patient identifiers' values, the clinical codes of its records, its
 * measured values and its dates. Values are kept when they are distinctive enough to search for (a decimal point and at
 * least four characters: a bare "120" is also a port, a count or a block number), codes likewise when they are not
 * bare short numbers (a vaccine's CVX code "140" is also a sequence number); dates as {@code yyyy-MM-dd}. A needle
 * is found only as a whole token (not inside a longer run of letters, digits or dots), so hex-encoded ciphertext and
 * UUIDs cannot match by chance. Not thread-safe.
 */
final class ClinicalNeedles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}).*");
    final Set<String> identifiers = new TreeSet<>();
    final Set<String> codes = new TreeSet<>();
    final Set<String> values = new TreeSet<>();
    final Set<String> dates = new TreeSet<>();

    void add(byte[] bundle) {
        try {
            for (JsonNode entry : JSON.readTree(bundle).path("entry")) {
                resource(entry.path("resource"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void resource(JsonNode r) {
        String type = r.path("resourceType").asText();
        if (type.equals("Patient")) {
            r.path("identifier").forEach(i -> identifiers.add(i.path("value").asText()));
            date(r.path("birthDate"));
        }
        if (type.equals("Condition") || type.equals("Observation") || type.equals("Procedure")
                || type.equals("MedicationRequest") || type.equals("Immunization")) {
            for (String field : new String[]{"code", "medicationCodeableConcept", "vaccineCode"}) {
                r.path(field).path("coding").forEach(c -> code(c.path("code").asText()));
            }
            value(r.path("valueQuantity"));
            r.path("component").forEach(c -> value(c.path("valueQuantity")));
            for (String field : new String[]{"onsetDateTime", "effectiveDateTime", "authoredOn", "performedDateTime",
                    "occurrenceDateTime", "recordedDate"}) {
                date(r.path(field));
            }
            date(r.path("performedPeriod").path("start"));
        }
    }

    private void code(String code) {
        if (code.length() >= 5 || !code.chars().allMatch(Character::isDigit)) {
            codes.add(code);
        }
    }

    private void value(JsonNode quantity) {
        String v = quantity.path("value").asText("");
        if (v.contains(".") && v.length() >= 4) {
            values.add(v);
        }
    }

    private void date(JsonNode d) {
        var m = DATE.matcher(d.asText(""));
        if (m.matches()) {
            dates.add(m.group(1));
        }
    }

    Set<String> all() {
        Set<String> all = new TreeSet<>(identifiers);
        all.addAll(codes);
        all.addAll(values);
        all.addAll(dates);
        all.remove("");
        return all;
    }

    /** The needles found in {@code text} as whole tokens. */
    Set<String> foundIn(String text) {
        Set<String> found = new TreeSet<>();
        for (String n : all()) {
            int from = 0;
            for (int i = text.indexOf(n, from); i >= 0; i = text.indexOf(n, i + 1)) {
                boolean before = i == 0 || !token(text.charAt(i - 1));
                int end = i + n.length();
                boolean after = end == text.length() || !token(text.charAt(end));
                if (before && after) {
                    found.add(n);
                    break;
                }
            }
        }
        return found;
    }

    private static boolean token(char c) {
        return Character.isLetterOrDigit(c) || c == '.';
    }
}
