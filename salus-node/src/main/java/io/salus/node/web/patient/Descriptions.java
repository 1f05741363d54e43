package io.salus.node.web.patient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What a FHIR resource is about, for the timeline: a short text (the display of its main code) and its clinical date
 * as written in the resource (the first of the usual date fields). Stateless.
 */
final class Descriptions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CODES = List.of("code", "medicationCodeableConcept", "vaccineCode", "type",
            "class", "category");
    private static final List<String> DATES = List.of("effectiveDateTime", "onsetDateTime", "performedDateTime",
            "occurrenceDateTime", "authoredOn", "recordedDate", "issued", "date", "birthDate", "created");
    private static final List<String> PERIODS = List.of("period", "effectivePeriod", "performedPeriod",
            "billablePeriod");

    /** A resource's text and date ({@code yyyy-mm-dd...} as written, empty when it has none). */
    record Described(String text, String date) {
    }

    private Descriptions() {
    }

    static Described describe(byte[] resourceJson) {
        JsonNode r;
        try {
            r = JSON.readTree(resourceJson);
        } catch (IOException e) {
            return new Described("", "");
        }
        return new Described(text(r), date(r));
    }

    private static String text(JsonNode r) {
        for (String field : CODES) {
            JsonNode c = r.path(field);
            if (c.isArray()) {
                c = c.path(0);
            }
            String t = c.path("text").asText("");
            if (t.isEmpty()) {
                t = c.path("coding").path(0).path("display").asText("");
            }
            if (!t.isEmpty()) {
                return t;
            }
        }
        return r.path("name").path(0).path("family").asText("");
    }

    private static String date(JsonNode r) {
        for (String field : DATES) {
            String d = r.path(field).asText("");
            if (!d.isEmpty()) {
                return d;
            }
        }
        for (String field : PERIODS) {
            String d = r.path(field).path("start").asText("");
            if (!d.isEmpty()) {
                return d;
            }
        }
        return "";
    }

    static Optional<String> day(String date) {
        return date.length() >= 10 ? Optional.of(date.substring(0, 10)) : Optional.empty();
    }
}
