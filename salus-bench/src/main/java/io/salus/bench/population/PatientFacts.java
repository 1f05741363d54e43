package io.salus.bench.population;

import com.fasterxml.jackson.databind.JsonNode;
import io.salus.bench.population.PopulationModel.Concept;
import io.salus.bench.population.PopulationModel.EncounterType;
import io.salus.bench.population.PopulationModel.TemplateObservation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the learner takes from one patient bundle. Immutable. */
record PatientFacts(String sex, LocalDate birthDate, Map<String, Concept> conditions,
        Map<String, Map<String, Concept>> medicationsByCondition, List<EncounterType> encounterTypes, int encounters,
        List<ObservationPool.Value> observations, Map<String, TemplateObservation> observationRates) {

    static PatientFacts of(JsonNode bundle, LocalDate historyStart) {
        String sex = "unknown";
        LocalDate birth = historyStart;
        Map<String, Concept> conditions = new TreeMap<>();
        Map<String, String> conditionByUrl = new HashMap<>();
        List<JsonNode> meds = new ArrayList<>();
        List<EncounterType> types = new ArrayList<>();
        List<ObservationPool.Value> obs = new ArrayList<>();
        int allEncounters = 0;
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode r = entry.path("resource");
            switch (r.path("resourceType").asText()) {
                case "Patient" -> {
                    sex = r.path("gender").asText("unknown");
                    birth = LocalDate.parse(r.path("birthDate").asText());
                }
                case "Condition" -> {
                    Concept c = concept(r.path("code"));
                    conditions.put(c.code(), c);
                    conditionByUrl.put(entry.path("fullUrl").asText(), c.code());
                }
                case "MedicationRequest" -> meds.add(r);
                case "Encounter" -> {
                    allEncounters++;
                    String start = r.path("period").path("start").asText("");
                    if (start.length() >= 10 && !LocalDate.parse(start.substring(0, 10)).isBefore(historyStart)) {
                        types.add(new EncounterType(r.path("class").path("code").asText(), concept(r.path("type")
                                .path(0)), 1));
                    }
                }
                case "Observation" -> {
                    JsonNode q = r.path("valueQuantity");
                    if (q.has("value")) {
                        obs.add(new ObservationPool.Value(concept(r.path("code")), r.path("category").path(0)
                                .path("coding").path(0).path("code").asText("laboratory"), q.path("unit").asText(""),
                                q.path("value").asDouble()));
                    }
                }
                default -> {
                }
            }
        }
        Map<String, Map<String, Concept>> medsByCondition = new TreeMap<>();
        for (JsonNode m : meds) {
            String cond = conditionByUrl.get(m.path("reasonReference").path(0).path("reference").asText());
            if (cond != null) {
                Concept med = concept(m.path("medicationCodeableConcept"));
                medsByCondition.computeIfAbsent(cond, k -> new TreeMap<>()).put(med.code(), med);
            }
        }
        return new PatientFacts(sex, birth, conditions, medsByCondition, types, types.size(), obs,
                rates(obs, Math.max(1, allEncounters)));
    }

    private static Map<String, TemplateObservation> rates(List<ObservationPool.Value> obs, int encounters) {
        Map<String, List<Double>> byCode = new TreeMap<>();
        obs.forEach(v -> byCode.computeIfAbsent(v.concept().code(), k -> new ArrayList<>()).add(v.value()));
        Map<String, TemplateObservation> rates = new TreeMap<>();
        byCode.forEach((code, values) -> {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double var = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum()
                    / Math.max(1, values.size() - 1);
            rates.put(code, new TemplateObservation(values.size() / (double) encounters, mean, Math.sqrt(var)));
        });
        return rates;
    }

    static Concept concept(JsonNode codeable) {
        JsonNode c = codeable.path("coding").path(0);
        return new Concept(c.path("system").asText(), c.path("code").asText(), c.path("display").asText(""));
    }
}
