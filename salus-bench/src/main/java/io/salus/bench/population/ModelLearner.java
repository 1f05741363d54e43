package io.salus.bench.population;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.bench.population.PopulationModel.Concept;
import io.salus.bench.population.PopulationModel.Condition;
import io.salus.bench.population.PopulationModel.EncounterType;
import io.salus.bench.population.PopulationModel.MedicationLink;
import io.salus.bench.population.PopulationModel.ObservationStats;
import io.salus.bench.population.PopulationModel.Template;
import io.salus.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Learns a {@link PopulationModel} from FHIR bundles (by default the committed Synthea fixtures), reading them with
 * Jackson as plain JSON trees. Deterministic: the same bundles give the same model. Stateless and thread-safe.
 */
public final class ModelLearner {
    /** The Synthea reference date and history the fixtures were generated with (see the fixtures' README). */
    public static final LocalDate FIXTURE_REFERENCE_DATE = LocalDate.of(2025, 1, 1);
    public static final int FIXTURE_YEARS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelLearner() {
    }

    /** The model of the committed Synthea fixtures. */
    public static PopulationModel fromFixtures() {
        List<JsonNode> bundles = new ArrayList<>();
        for (String name : Fixtures.syntheaBundles()) {
            try {
                bundles.add(JSON.readTree(Fixtures.bytes(name)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read fixture " + name, e);
            }
        }
        return learn(bundles, FIXTURE_REFERENCE_DATE, FIXTURE_YEARS);
    }

    public static PopulationModel learn(List<JsonNode> bundles, LocalDate referenceDate, int years) {
        LocalDate historyStart = referenceDate.minusYears(years);
        List<PatientFacts> patients = bundles.stream().map(b -> PatientFacts.of(b, historyStart)).toList();
        int n = patients.size();
        Map<String, Concept> concepts = new TreeMap<>();
        Map<String, Integer> havingCondition = new TreeMap<>();
        Map<String, Map<String, Integer>> medsByCondition = new TreeMap<>();
        Map<String, EncounterType> types = new TreeMap<>();
        ObservationPool pool = new ObservationPool();
        long encounters = 0;
        List<Template> templates = new ArrayList<>();
        for (PatientFacts p : patients) {
            p.conditions().forEach((code, concept) -> {
                concepts.put(code, concept);
                havingCondition.merge(code, 1, Integer::sum);
            });
            p.medicationsByCondition().forEach((cond, meds) -> meds.forEach((code, med) -> {
                concepts.put("rx:" + code, med);
                medsByCondition.computeIfAbsent(cond, k -> new TreeMap<>()).merge(code, 1, Integer::sum);
            }));
            p.encounterTypes().forEach(t -> types.merge(t.classCode() + "|" + t.type().code(), t,
                    (a, b) -> new EncounterType(a.classCode(), a.type(), a.count() + b.count())));
            encounters += p.encounters();
            pool.addAll(p.observations());
            double age = ChronoUnit.DAYS.between(p.birthDate(), referenceDate) / 365.25;
            templates.add(new Template(p.sex(), age, List.copyOf(p.conditions().keySet()),
                    p.encounters() / (double) years, p.observationRates()));
        }
        List<Condition> conditions = new ArrayList<>();
        havingCondition.forEach((code, k) -> conditions.add(
                new Condition(concepts.get(code), k / (double) n, (k + 0.5) / (n + 1.0))));
        Map<String, List<MedicationLink>> medications = new TreeMap<>();
        medsByCondition.forEach((cond, meds) -> {
            int having = havingCondition.getOrDefault(cond, 1);
            medications.put(cond, meds.entrySet().stream().map(e -> new MedicationLink(concepts.get("rx:" + e.getKey()),
                    Math.min(1.0, e.getValue() / (double) having))).toList());
        });
        Map<String, ObservationStats> observations = pool.stats();
        return new PopulationModel(referenceDate, years, templates, conditions, medications, observations,
                List.copyOf(types.values()), encounters / (double) (n * years));
    }
}
