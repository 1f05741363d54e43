package io.salus.core.cohort;

import java.time.LocalDate;
import java.util.List;

/**
 * The meaning of a {@link Criterion} for one patient, written as plainly as possible: the reference every index is
 * tested against. Thread-safe (stateless).
 */
public final class CohortSemantics {
    private CohortSemantics() {
    }

    /** Whether a patient with these facts and features matches {@code c} at date {@code at} (ages are taken then). */
    public static boolean matches(Criterion c, PatientFacts facts, List<Feature> features, LocalDate at) {
        return switch (c) {
            case Criterion.And and -> and.parts().stream().allMatch(p -> matches(p, facts, features, at));
            case Criterion.Or or -> or.parts().stream().anyMatch(p -> matches(p, facts, features, at));
            case Criterion.Not not -> !matches(not.part(), facts, features, at);
            case Criterion.HasFeature has -> features.stream().anyMatch(has::test);
            case Criterion.AgeRange age -> facts.ageAt(at).map(a -> a >= age.min() && a <= age.max()).orElse(false);
            case Criterion.Sex sex -> facts.sex().map(sex.code()::equals).orElse(false);
        };
    }
}
