package io.salus.node.web.patient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Numeric readings in a FHIR Observation: its own {@code valueQuantity} and those of its components (blood pressure
 * has systolic and diastolic components), each with its code, display name, unit and time. Stateless.
 */
final class Observations {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One numeric reading. */
    record Reading(String code, String display, String unit, Instant at, double value) {
    }

    private Observations() {
    }

    static List<Reading> readings(byte[] observationJson) {
        JsonNode o;
        try {
            o = JSON.readTree(observationJson);
        } catch (IOException e) {
            return List.of();
        }
        Optional<Instant> at = time(o);
        if (at.isEmpty()) {
            return List.of();
        }
        List<Reading> out = new ArrayList<>();
        reading(o, o.path("valueQuantity"), at.get()).ifPresent(out::add);
        for (JsonNode c : o.path("component")) {
            reading(c, c.path("valueQuantity"), at.get()).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Reading> reading(JsonNode coded, JsonNode q, Instant at) {
        if (!q.path("value").isNumber()) {
            return Optional.empty();
        }
        JsonNode coding = coded.path("code").path("coding").path(0);
        String code = coding.path("code").asText("");
        if (code.isEmpty()) {
            return Optional.empty();
        }
        String display = coding.path("display").asText(coded.path("code").path("text").asText(code));
        String unit = q.path("unit").asText(q.path("code").asText(""));
        return Optional.of(new Reading(code, display, unit, at, q.path("value").asDouble()));
    }

    private static Optional<Instant> time(JsonNode o) {
        for (String t : List.of(o.path("effectiveDateTime").asText(""), o.path("effectivePeriod").path("start")
                .asText(""), o.path("issued").asText(""))) {
            if (!t.isEmpty()) {
                try {
                    return Optional.of(OffsetDateTime.parse(t).toInstant());
                } catch (DateTimeParseException e) {
                    try {
                        return Optional.of(java.time.LocalDate.parse(t.substring(0, Math.min(10, t.length())))
                                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
                    } catch (DateTimeParseException e2) {
                        // try the next field
                    }
                }
            }
        }
        return Optional.empty();
    }
}
