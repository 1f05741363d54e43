package io.salus.compute.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.compute.cohort.CohortModel.Patient;
import io.salus.core.cohort.CohortSemantics;
import io.salus.core.cohort.Criterion;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.roaringbitmap.RoaringBitmap;

/** Erasure: a removed patient is answered as if the index had never seen them; everyone else is unaffected. */
class RoaringCohortIndexRemovalProperties {

    @Property(tries = 60)
    void removedPatientsMatchNoCriterionAndTheOthersAnswerAsTheSemanticsDo(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 300) int patients, @ForAll boolean dense) {
        CohortModel m = new CohortModel(seed, dense);
        Random random = new Random(seed);
        List<Patient> population = new ArrayList<>();
        RoaringCohortIndex index = RoaringCohortIndex.withOwnOrdinals();
        for (int i = 0; i < patients; i++) {
            population.add(m.patient(dense ? 2 : 8));
        }
        index.bulkLoad(() -> {
            for (int i = 0; i < patients / 2; i++) {
                index.putFacts(i, population.get(i).facts());
                index.add(i, population.get(i).features());
            }
        });
        for (int i = patients / 2; i < patients; i++) {
            index.putFacts(i, population.get(i).facts());
            index.add(i, population.get(i).features());
        }
        for (int i = 0; i < patients; i += 4) {
            Patient changed = new Patient(m.patient(0).facts(), population.get(i).features());
            population.set(i, changed);
            index.putFacts(i, changed.facts());
        }
        RoaringBitmap removed = new RoaringBitmap();
        for (int i = 0; i < patients; i++) {
            if (random.nextInt(3) == 0) {
                removed.add(i);
                index.remove(i);
                index.remove(i);
            }
        }
        assertThat(index.patients()).isEqualTo(patients - removed.getLongCardinality());
        for (int q = 0; q < 30; q++) {
            Criterion c = m.criterion(3);
            LocalDate at = LocalDate.of(2024, 2, 28).plusDays(q % 3);
            RoaringBitmap expected = new RoaringBitmap();
            for (int i = 0; i < patients; i++) {
                Patient p = population.get(i);
                if (!removed.contains(i) && CohortSemantics.matches(c, p.facts(), p.features(), at)) {
                    expected.add(i);
                }
            }
            assertThat(index.evaluate(c, at)).as("%s at %s", c, at).isEqualTo(expected);
        }
    }
}
