package io.salus.bench.population;

import io.salus.bench.population.PopulationModel.Concept;
import io.salus.bench.population.PopulationModel.ObservationStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects quantity observation values per LOINC code and summarises them. Not thread-safe. */
final class ObservationPool {
    /** One observed value. */
    record Value(Concept concept, String category, String unit, double value) {
    }

    private final Map<String, List<Value>> byCode = new TreeMap<>();

    void addAll(List<Value> values) {
        values.forEach(v -> byCode.computeIfAbsent(v.concept().code(), k -> new ArrayList<>()).add(v));
    }

    Map<String, ObservationStats> stats() {
        Map<String, ObservationStats> out = new TreeMap<>();
        byCode.forEach((code, values) -> {
            double mean = values.stream().mapToDouble(Value::value).average().orElse(0);
            double var = values.stream().mapToDouble(v -> (v.value() - mean) * (v.value() - mean)).sum()
                    / Math.max(1, values.size() - 1);
            Value first = values.get(0);
            out.put(code, new ObservationStats(first.concept(), first.category(), first.unit(), values.size(), mean,
                    Math.sqrt(var), values.stream().mapToDouble(Value::value).min().orElse(0),
                    values.stream().mapToDouble(Value::value).max().orElse(0)));
        });
        return out;
    }
}
