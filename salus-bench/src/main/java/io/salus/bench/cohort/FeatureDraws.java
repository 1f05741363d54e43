package io.salus.bench.cohort;

import io.salus.bench.population.PatientGenerator;
import io.salus.bench.population.PopulationModel;
import io.salus.bench.population.PopulationModel.Condition;
import io.salus.bench.population.PopulationModel.EncounterType;
import io.salus.bench.population.PopulationModel.MedicationLink;
import io.salus.bench.population.PopulationModel.ObservationStats;
import io.salus.bench.population.PopulationModel.Template;
import io.salus.bench.population.PopulationModel.TemplateObservation;
import io.salus.core.cohort.CodeSystems;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.PatientFacts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The cohort features of generated patients without writing or parsing their bundles: it makes exactly the random draws
 * {@link PatientGenerator} makes for patient {@code i} of its seed, in the same order, and keeps what
 * {@link io.salus.fhir.FeatureExtractor} would extract from the bundle (conditions, medications and quantity
 * observations with their calendar dates; birth date and sex), so patient {@code i} here has the same features as
 * bundle {@code i} there ({@code FeatureDrawsTest} checks it against the extractor). About two orders of magnitude
 * faster than generating and parsing the bundles, which is what makes a million-patient index practical to build here.
 * Thread-safe (stateless apart from the immutable model).
 */
public final class FeatureDraws {
    /** Mirrors of the generator's sampling constants (its own are package-private). */
    private static final double KEEP = 0.95;
    private static final double ADD = 0.05;
    private static final double AGE_SD_YEARS = 1.5;
    private static final long DAY = 86_400;

    private final PopulationModel model;
    private final long seed;
    private final int years;
    private final int encounterTypeTotal;
    private final long referenceEpochDay;

    public FeatureDraws(PatientGenerator generator) {
        this.model = generator.model();
        this.seed = generator.seed();
        this.years = generator.years();
        this.encounterTypeTotal = model.encounterTypes().stream().mapToInt(EncounterType::count).sum();
        this.referenceEpochDay = model.referenceDate().toEpochDay();
    }

    /** The date generated histories end on: ages are taken at it. */
    public LocalDate referenceDate() {
        return model.referenceDate();
    }

    public PatientFeatures patient(int index) {
        SplittableRandom r = new SplittableRandom(mix(mix(seed) ^ (index * 0x9E3779B97F4A7C15L)));
        Template t = model.templates().get(r.nextInt(model.templates().size()));
        List<Condition> conditions = new ArrayList<>();
        for (Condition c : model.conditions()) {
            boolean had = t.conditionCodes().contains(c.concept().code());
            if (had ? r.nextDouble() < KEEP : r.nextDouble() < ADD * c.smoothedPrevalence()) {
                conditions.add(c);
            }
        }
        double rate = 0.8 * t.encountersPerYear() + 0.2 * model.pooledEncountersPerYear();
        int encounters = Math.max(1, poisson(r, rate * years));
        for (int i = 0; i < encounters; i++) {
            r.nextInt(encounterTypeTotal);
        }
        uuid(r);
        double age = Math.max(0.05, Math.min(105, t.ageYears() + AGE_SD_YEARS * r.nextGaussian()));
        PatientFacts facts = new PatientFacts(Optional.of(LocalDate.ofEpochDay(referenceEpochDay
                - Math.round(age * 365.25))), Optional.of(t.sex()));
        long history = years * 365L * DAY;
        long[] times = new long[encounters];
        for (int i = 0; i < encounters; i++) {
            times[i] = referenceEpochDay * DAY - 1 - (long) (r.nextDouble() * history);
        }
        Arrays.sort(times);
        for (int i = 0; i < encounters; i++) {
            uuid(r);
        }
        List<Feature> features = new ArrayList<>();
        for (Condition c : conditions) {
            Optional<LocalDate> at = day(times[r.nextInt(encounters)]);
            uuid(r);
            coded(features, FeatureKind.CONDITION, c.concept(), at);
            List<MedicationLink> meds = new ArrayList<>();
            for (MedicationLink l : model.medications().getOrDefault(c.concept().code(), List.of())) {
                if (r.nextDouble() < l.probability()) {
                    meds.add(l);
                }
            }
            for (MedicationLink m : meds) {
                uuid(r);
                coded(features, FeatureKind.MEDICATION, m.medication(), at);
            }
        }
        for (int i = 0; i < encounters; i++) {
            for (Map.Entry<String, TemplateObservation> o : t.observationRates().entrySet()) {
                ObservationStats pooled = model.observations().get(o.getKey());
                for (int k = count(r, o.getValue()); k > 0; k--) {
                    uuid(r);
                    observation(features, pooled, value(r, o.getValue(), pooled), day(times[i]));
                }
            }
        }
        return new PatientFeatures(index, facts, features);
    }

    private static void coded(List<Feature> out, FeatureKind kind, PopulationModel.Concept c,
            Optional<LocalDate> at) {
        if (CodeSystems.supported(c.system()) && !c.code().isBlank()) {
            out.add(Feature.coded(kind, c.system(), c.code(), at));
        }
    }

    private static void observation(List<Feature> out, ObservationStats s, double value, Optional<LocalDate> at) {
        if (CodeSystems.supported(s.concept().system()) && !s.concept().code().isBlank()) {
            out.add(new Feature(FeatureKind.OBSERVATION, s.concept().system(), s.concept().code(),
                    Optional.of(value), s.unit().isEmpty() ? Optional.empty() : Optional.of(s.unit()), at));
        }
    }

    private static double value(SplittableRandom r, TemplateObservation o, ObservationStats pooled) {
        double sd = Math.sqrt(o.sd() * o.sd() + 0.01 * pooled.sd() * pooled.sd());
        double v = Math.max(pooled.min(), Math.min(pooled.max(), o.mean() + sd * r.nextGaussian()));
        double scale = Math.abs(pooled.mean()) >= 10 ? 10 : 100;
        return Math.round(v * scale) / scale;
    }

    private static int count(SplittableRandom r, TemplateObservation o) {
        int whole = (int) Math.floor(o.perEncounter());
        return whole + (r.nextDouble() < o.perEncounter() - whole ? 1 : 0);
    }

    private static int poisson(SplittableRandom r, double mean) {
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = r.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= r.nextDouble();
            k++;
        }
        return k;
    }

    private static void uuid(SplittableRandom r) {
        r.nextLong();
        r.nextLong();
    }

    private static Optional<LocalDate> day(long epochSecond) {
        return Optional.of(LocalDate.ofEpochDay(Math.floorDiv(epochSecond, DAY)));
    }

    /** The generator's seed mixer (murmur3 / SplitMix64 finaliser). */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
