package io.salus.compute.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.compute.cohort.CohortModel.Patient;
import io.salus.core.cohort.CohortSemantics;
import io.salus.core.cohort.Criterion;
import io.salus.core.cohort.PatientFacts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.roaringbitmap.RoaringBitmap;

class RoaringCohortIndexProperties {

    private static RoaringBitmap bruteForce(List<Patient> population, Criterion c, LocalDate at) {
        RoaringBitmap out = new RoaringBitmap();
        for (int i = 0; i < population.size(); i++) {
            Patient p = population.get(i);
            if (CohortSemantics.matches(c, p.facts(), p.features(), at)) {
                out.add(i);
            }
        }
        return out;
    }

    private static void check(long seed, boolean dense, int patients, int maxFeatures, boolean sealEarly,
            int queries) {
        CohortModel m = new CohortModel(seed, dense);
        List<Patient> population = new ArrayList<>();
        RoaringCohortIndex index = RoaringCohortIndex.withOwnOrdinals();
        for (int i = 0; i < patients; i++) {
            population.add(m.patient(maxFeatures));
        }
        int half = sealEarly ? patients / 2 : 0;
        index.bulkLoad(() -> {
            for (int i = 0; i < half; i++) {
                index.putFacts(i, population.get(i).facts());
                index.add(i, population.get(i).features());
            }
        });
        for (int i = half; i < patients; i++) {
            index.putFacts(i, population.get(i).facts());
            index.add(i, population.get(i).features());
        }
        for (int q = 0; q < queries; q++) {
            Criterion c = m.criterion(3);
            LocalDate at = LocalDate.of(2024, 2, 28).plusDays(q % 3);
            assertThat(index.evaluate(c, at)).as("%s at %s", c, at).isEqualTo(bruteForce(population, c, at));
        }
    }

    @Property(tries = 200)
    void smallPopulationsAnswerEveryCriterionAsTheSemanticsDo(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 40) int patients, @ForAll boolean sealEarly) {
        check(seed, false, patients, 8, sealEarly, 20);
    }

    @Property(tries = 8)
    void populationsSpreadOverManyCodesAndMonthsAnswerAsTheSemanticsDo(@ForAll long seed,
            @ForAll boolean sealEarly) {
        check(seed, false, 1_500, 40, sealEarly, 60);
    }

    @Property(tries = 8)
    void denseColumnsAnsweredThroughBucketBitmapsAnswerAsTheSemanticsDo(@ForAll long seed,
            @ForAll boolean sealEarly) {
        check(seed, true, 10_000, 2, sealEarly, 40);
    }

    @Property(tries = 50)
    void changedBirthDatesAndSexesAreAnsweredWithTheLatestFacts(@ForAll long seed) {
        CohortModel m = new CohortModel(seed, false);
        List<Patient> population = new ArrayList<>();
        RoaringCohortIndex index = RoaringCohortIndex.withOwnOrdinals();
        for (int i = 0; i < 60; i++) {
            Patient p = m.patient(2);
            population.add(p);
            index.putFacts(i, p.facts());
            index.add(i, p.features());
        }
        index.seal();
        for (int i = 0; i < 60; i += 3) {
            PatientFacts newer = m.patient(0).facts();
            population.set(i, new Patient(newer, population.get(i).features()));
            index.putFacts(i, newer);
        }
        for (int q = 0; q < 20; q++) {
            Criterion c = m.criterion(2);
            LocalDate at = LocalDate.of(2025, 6, 1);
            assertThat(index.evaluate(c, at)).as("%s", c).isEqualTo(bruteForce(population, c, at));
        }
    }
}
