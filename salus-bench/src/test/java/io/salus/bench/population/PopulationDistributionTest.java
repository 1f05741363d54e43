package io.salus.bench.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.bench.population.PopulationModel.Condition;
import io.salus.bench.population.PopulationModel.ObservationStats;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated population's marginals against the fixtures'. Tolerances (absolute unless stated): sex ratio 0.03, age
 * bucket shares 0.07, prevalence of conditions the fixtures have in at least 30% of patients 0.08, mean value of the
 * common LOINC codes 10% relative, encounters per patient-year 15% relative. 4,000 generated patients.
 */
class PopulationDistributionTest {
    private static final int N = 4_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PopulationModel model;
    private static Sample generated;

    @BeforeAll
    static void generate() throws IOException {
        model = ModelLearner.fromFixtures();
        PatientGenerator gen = new PatientGenerator(model, 42, ModelLearner.FIXTURE_YEARS);
        generated = new Sample();
        for (long i = 0; i < N; i++) {
            generated.add(JSON.readTree(gen.bundle(i)), model.referenceDate());
        }
    }

    @Test
    void sexRatio_matchesTheFixtures() {
        double fixtures = model.templates().stream().filter(t -> t.sex().equals("female")).count()
                / (double) model.templates().size();
        assertThat(generated.females / (double) N).isCloseTo(fixtures, within(0.03));
    }

    @Test
    void ageBuckets_matchTheFixtures() {
        int[] fixtures = new int[4];
        model.templates().forEach(t -> fixtures[bucket(t.ageYears())]++);
        for (int b = 0; b < 4; b++) {
            assertThat(generated.ageBuckets[b] / (double) N).as("age bucket " + b)
                    .isCloseTo(fixtures[b] / (double) model.templates().size(), within(0.07));
        }
    }

    @Test
    void commonConditions_haveTheFixturesPrevalence() {
        List<Condition> common = model.conditions().stream().filter(c -> c.prevalence() >= 0.3).toList();
        assertThat(common).hasSizeGreaterThanOrEqualTo(5);
        for (Condition c : common) {
            double share = generated.conditions.getOrDefault(c.concept().code(), 0) / (double) N;
            assertThat(share).as(c.concept().display()).isCloseTo(c.prevalence(), within(0.08));
        }
    }

    @Test
    void commonLoincCodes_haveTheFixturesMeanValues() {
        for (String code : List.of("8302-2", "29463-7", "39156-5", "8867-4", "9279-1")) {
            ObservationStats fixtures = model.observations().get(code);
            double[] sumCount = generated.observations.get(code);
            assertThat(sumCount).as(code).isNotNull();
            assertThat(sumCount[0] / sumCount[1]).as(fixtures.concept().display())
                    .isCloseTo(fixtures.mean(), within(0.10 * Math.abs(fixtures.mean())));
        }
    }

    @Test
    void encountersPerYear_matchTheFixtures() {
        double perYear = generated.encounters / (double) N / ModelLearner.FIXTURE_YEARS;
        assertThat(perYear).isCloseTo(model.pooledEncountersPerYear(), within(0.15 * model.pooledEncountersPerYear()));
    }

    @Test
    void medications_citeAConditionOfTheSameBundle() {
        assertThat(generated.medications).isPositive();
        assertThat(generated.danglingReasons).isZero();
    }

    private static int bucket(double age) {
        return age < 18 ? 0 : age < 45 ? 1 : age < 65 ? 2 : 3;
    }

    /** Counts over the generated bundles. */
    private static final class Sample {
        int females;
        int[] ageBuckets = new int[4];
        Map<String, Integer> conditions = new HashMap<>();
        Map<String, double[]> observations = new HashMap<>();
        long encounters;
        long medications;
        long danglingReasons;

        void add(JsonNode bundle, LocalDate reference) {
            Set<String> urls = new HashSet<>();
            Set<String> conds = new HashSet<>();
            bundle.path("entry").forEach(e -> urls.add(e.path("fullUrl").asText()));
            for (JsonNode e : bundle.path("entry")) {
                JsonNode r = e.path("resource");
                switch (r.path("resourceType").asText()) {
                    case "Patient" -> {
                        females += r.path("gender").asText().equals("female") ? 1 : 0;
                        ageBuckets[bucket(ChronoUnit.DAYS.between(LocalDate.parse(r.path("birthDate").asText()),
                                reference) / 365.25)]++;
                    }
                    case "Encounter" -> encounters++;
                    case "Condition" -> conds.add(r.path("code").path("coding").path(0).path("code").asText());
                    case "MedicationRequest" -> {
                        medications++;
                        String reason = r.path("reasonReference").path(0).path("reference").asText();
                        danglingReasons += urls.contains(reason) ? 0 : 1;
                    }
                    case "Observation" -> {
                        double[] sc = observations.computeIfAbsent(
                                r.path("code").path("coding").path(0).path("code").asText(), k -> new double[2]);
                        sc[0] += r.path("valueQuantity").path("value").asDouble();
                        sc[1]++;
                    }
                    default -> {
                    }
                }
            }
            conds.forEach(c -> conditions.merge(c, 1, Integer::sum));
        }
    }
}
