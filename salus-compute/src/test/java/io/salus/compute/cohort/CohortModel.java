package io.salus.compute.cohort;

import io.salus.core.cohort.CodeSystems;
import io.salus.core.cohort.Comparator;
import io.salus.core.cohort.Criterion;
import io.salus.core.cohort.DateWindow;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.PatientFacts;
import io.salus.core.cohort.Threshold;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Random populations and criteria from small pools (so that criteria hit), for the index properties. */
final class CohortModel {
    static final List<String> SYSTEMS = List.of(CodeSystems.SNOMED_CT, CodeSystems.LOINC);
    static final List<String> CODES = List.of("1", "2", "3");
    static final List<FeatureKind> KINDS = List.of(FeatureKind.CONDITION, FeatureKind.OBSERVATION);
    static final double[] VALUES = {-0.0, 0.0, 1, 2.5, 7, 120};
    static final List<String> UNITS = List.of("%", "mg/dL");
    static final List<String> SEXES = List.of("female", "male", "other");
    static final LocalDate D0 = LocalDate.of(2019, 12, 20);

    /** One patient of the population. */
    record Patient(PatientFacts facts, List<Feature> features) {
    }

    private final Random r;
    private final boolean dense;

    /** A model; a dense one puts every feature under one code and in 45 days, so that partitions get buckets. */
    CohortModel(long seed, boolean dense) {
        this.r = new Random(seed);
        this.dense = dense;
    }

    <T> T pick(List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private <T> T pickCode(List<T> list) {
        return dense ? list.getFirst() : pick(list);
    }

    LocalDate date() {
        return D0.plusDays(r.nextInt(dense ? 45 : 800));
    }

    Patient patient(int maxFeatures) {
        Optional<LocalDate> birth = r.nextInt(8) == 0
                ? Optional.empty()
                : Optional.of(r.nextInt(10) == 0
                        ? LocalDate.of(1960 + 4 * r.nextInt(10), 2, 29)
                        : LocalDate.of(1930, 1, 1).plusDays(r.nextInt(35_000)));
        Optional<String> sex = r.nextInt(8) == 0 ? Optional.empty() : Optional.of(pick(SEXES));
        List<Feature> features = new ArrayList<>();
        int n = r.nextInt(maxFeatures + 1);
        for (int i = 0; i < n; i++) {
            features.add(feature());
        }
        return new Patient(new PatientFacts(birth, sex), features);
    }

    Feature feature() {
        boolean valued = r.nextInt(3) > 0;
        return new Feature(pickCode(KINDS), pickCode(SYSTEMS), pickCode(CODES),
                valued ? Optional.of(value()) : Optional.empty(),
                valued && r.nextInt(5) > 0 ? Optional.of(pick(UNITS)) : Optional.empty(),
                r.nextInt(10) == 0 ? Optional.empty() : Optional.of(date()));
    }

    /** A value from a few (so that equalities hit), or for a dense model from 400 (so that ranges cut buckets). */
    private double value() {
        return dense && r.nextInt(10) > 0 ? r.nextInt(400) / 2.0 : VALUES[r.nextInt(VALUES.length)];
    }

    Criterion criterion(int depth) {
        int choice = r.nextInt(depth > 0 ? 7 : 4);
        return switch (choice) {
            case 0, 1 -> hasFeature();
            case 2 -> age();
            case 3 -> new Criterion.Sex(pick(SEXES));
            case 4 -> new Criterion.Not(criterion(depth - 1));
            case 5 -> new Criterion.And(parts(depth));
            default -> new Criterion.Or(parts(depth));
        };
    }

    private List<Criterion> parts(int depth) {
        List<Criterion> parts = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            parts.add(criterion(depth - 1));
        }
        return parts;
    }

    private Criterion age() {
        int min = r.nextInt(90);
        return new Criterion.AgeRange(min, min + r.nextInt(40));
    }

    Criterion hasFeature() {
        Optional<Threshold> value = r.nextBoolean()
                ? Optional.empty()
                : Optional.of(new Threshold(Comparator.values()[r.nextInt(5)], value(),
                        r.nextBoolean() ? Optional.empty() : Optional.of(pick(UNITS))));
        Optional<DateWindow> window = Optional.empty();
        if (r.nextBoolean()) {
            Optional<LocalDate> from = r.nextInt(4) == 0 ? Optional.empty() : Optional.of(date());
            Optional<LocalDate> to = r.nextInt(4) == 0
                    ? Optional.empty()
                    : Optional.of(from.orElse(D0).plusDays(r.nextInt(dense ? 30 : 500)));
            window = Optional.of(new DateWindow(from, to));
        }
        return new Criterion.HasFeature(pickCode(KINDS), pickCode(SYSTEMS), pickCode(CODES), value, window);
    }
}
