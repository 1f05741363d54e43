package io.salus.bench.deal;

import io.salus.bench.population.PopulationModel;
import io.salus.bench.population.PopulationModel.ObservationStats;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Small bundles for the deal benchmark: one adult Patient and four Observations, two vital signs (heart rate, BMI)
 * and two laboratory results (HbA1c, blood glucose), valued from the population model's pooled statistics (normal
 * around the fixtures' mean, clipped to their range) and dated within the year before the model's reference date.
 * Deterministic per (seed, index). Thread-safe (stateless apart from the immutable model).
 */
public final class DealBundles {
    private static final String[][] OBSERVATIONS = {{"8867-4", "vital-signs"}, {"39156-5", "vital-signs"},
            {"4548-4", "laboratory"}, {"2339-0", "laboratory"}};
    private final PopulationModel model;
    private final long seed;

    public DealBundles(PopulationModel model, long seed) {
        this.model = model;
        this.seed = seed;
    }

    /** Resources per bundle. */
    public static int resources() {
        return 1 + OBSERVATIONS.length;
    }

    public byte[] bundle(int index) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index);
        LocalDate ref = model.referenceDate();
        LocalDate birth = ref.minusYears(20 + r.nextInt(65)).minusDays(r.nextInt(365));
        StringBuilder b = new StringBuilder(2048);
        b.append("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
        String patientId = new java.util.UUID(r.nextLong(), r.nextLong()).toString();
        String patient = "urn:uuid:" + patientId;
        b.append("{\"fullUrl\":\"").append(patient).append("\",\"resource\":{\"resourceType\":\"Patient\",")
                .append("\"id\":\"").append(patientId).append("\",")
                .append("\"identifier\":[{\"system\":\"urn:salus:bench:deal\",\"value\":\"").append(index)
                .append("\"}],\"name\":[{\"family\":\"Dealpatient\",\"given\":[\"D").append(index)
                .append("\"]}],\"gender\":\"").append(r.nextBoolean() ? "female" : "male")
                .append("\",\"birthDate\":\"").append(birth).append("\"},")
                .append("\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}");
        for (String[] o : OBSERVATIONS) {
            ObservationStats s = model.observations().get(o[0]);
            double v = Math.max(s.min(), Math.min(s.max(), s.mean() + s.sd() * r.nextGaussian()));
            LocalDate on = ref.minusDays(1 + r.nextInt(365));
            String id = new java.util.UUID(r.nextLong(), r.nextLong()).toString();
            b.append(",{\"fullUrl\":\"urn:uuid:").append(id)
                    .append("\",\"resource\":{\"resourceType\":\"Observation\",\"id\":\"").append(id)
                    .append("\",\"status\":\"final\",")
                    .append("\"category\":[{\"coding\":[{\"system\":")
                    .append("\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"")
                    .append(o[1]).append("\"}]}],\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"")
                    .append(o[0]).append("\"}]},\"subject\":{\"reference\":\"").append(patient)
                    .append("\"},\"effectiveDateTime\":\"").append(on).append("T09:30:00+00:00\",")
                    .append("\"valueQuantity\":{\"value\":").append(String.format(Locale.ROOT, "%.2f", v))
                    .append(",\"unit\":\"").append(s.unit()).append("\",\"system\":\"http://unitsofmeasure.org\",")
                    .append("\"code\":\"").append(s.unit()).append("\"}},")
                    .append("\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}");
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
