package io.salus.compute.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.compute.cohort.CohortModel.Patient;
import io.salus.core.cohort.CodeCount;
import io.salus.core.cohort.Feature;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.roaringbitmap.RoaringBitmap;

/**
 * The counts the code catalogue's noise is calibrated to: only consenting patients count, in at most
 * {@code maxPerPatient} partitions each, so one patient's deposit or erasure changes at most that many counts, each by
 * one.
 */
class ConsentingCodeCountsProperties {

    private static Map<String, Long> counts(RoaringCohortIndex index, RoaringBitmap consenting, int k, long seed) {
        Map<String, Long> out = new HashMap<>();
        for (CodeCount c : new ConsentingCodeCounts(index, () -> consenting.clone()).countConsenting(k, seed)) {
            out.put(c.kind() + "|" + c.system() + "|" + c.code() + "|" + c.unit(), c.patients());
        }
        return out;
    }

    private static RoaringCohortIndex index(List<Patient> population) {
        RoaringCohortIndex index = RoaringCohortIndex.withOwnOrdinals();
        for (int i = 0; i < population.size(); i++) {
            index.putFacts(i, population.get(i).facts());
            index.add(i, population.get(i).features());
        }
        return index;
    }

    private static String partition(Feature f) {
        return f.kind() + "|" + f.system() + "|" + f.code() + "|" + f.unit().orElse("");
    }

    @Property(tries = 200)
    void onePatientsDepositOrErasure_changesAtMostKCounts_eachByOne(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 60) int patients, @ForAll @IntRange(min = 1, max = 6) int k,
            @ForAll long order) {
        CohortModel m = new CohortModel(seed, false);
        List<Patient> population = new java.util.ArrayList<>();
        for (int i = 0; i < patients; i++) {
            population.add(m.patient(12));
        }
        RoaringBitmap consenting = new RoaringBitmap();
        consenting.add(0L, patients);
        RoaringCohortIndex with = index(population);
        Map<String, Long> before = counts(with, consenting, k, order);
        with.remove(patients - 1);
        Map<String, Long> after = counts(with, consenting, k, order);

        Set<String> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        int changed = 0;
        for (String key : keys) {
            long d = before.getOrDefault(key, 0L) - after.getOrDefault(key, 0L);
            assertThat(d).as(key).isBetween(0L, 1L);
            changed += (int) d;
        }
        assertThat(changed).isLessThanOrEqualTo(k);
    }

    @Property(tries = 100)
    void everyPatientCountsInAtMostKPartitions_andInAllOfThemWhenTheyHoldFewer(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 40) int patients, @ForAll @IntRange(min = 1, max = 8) int k) {
        CohortModel m = new CohortModel(seed, false);
        List<Patient> population = new java.util.ArrayList<>();
        for (int i = 0; i < patients; i++) {
            population.add(m.patient(10));
        }
        RoaringBitmap consenting = new RoaringBitmap();
        consenting.add(0L, patients);
        long total = counts(index(population), consenting, k, seed).values().stream().mapToLong(Long::longValue)
                .sum();
        long bound = 0;
        for (Patient p : population) {
            bound += Math.min(k, p.features().stream().map(ConsentingCodeCountsProperties::partition).distinct()
                    .count());
        }
        assertThat(total).isEqualTo(bound);
    }

    @Property(tries = 100)
    void patientsWithoutConsent_countNowhere(@ForAll long seed, @ForAll @IntRange(min = 2, max = 40) int patients) {
        CohortModel m = new CohortModel(seed, false);
        List<Patient> population = new java.util.ArrayList<>();
        for (int i = 0; i < patients; i++) {
            population.add(m.patient(10));
        }
        RoaringBitmap evens = new RoaringBitmap();
        for (int i = 0; i < patients; i += 2) {
            evens.add(i);
        }
        List<Patient> consentingOnly = new java.util.ArrayList<>();
        for (int i = 0; i < patients; i++) {
            consentingOnly.add(i % 2 == 0 ? population.get(i) : new Patient(population.get(i).facts(), List.of()));
        }
        assertThat(counts(index(population), evens, 1_000, seed))
                .isEqualTo(counts(index(consentingOnly), evens, 1_000, seed));
    }
}
