package io.salus.compute.cohort;

import io.salus.compute.cohort.RoaringCohortIndex.Partition;
import io.salus.compute.consent.RoaringPatientSet;
import io.salus.core.cohort.CodeCount;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.port.CodeSource;
import io.salus.core.port.ConsentIndex;
import io.salus.core.record.Category;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The {@link CodeSource} on the in-memory indexes: the patients of each partition of the cohort index who are among
 * the consenting ones (by default, everyone with a standing grant now, {@link #withStandingGrant}), each patient
 * counted in at most {@code maxPerPatient} partitions, taken in a random order of the partitions drawn from the seed
 * ({@link #rank}). The order only decides which of a patient's partitions they count in; since it does not depend on
 * the data, one patient more or less changes at most {@code maxPerPatient} counts, each by one. Thread-safe
 * (reads the indexes under their locks).
 */
public final class ConsentingCodeCounts implements CodeSource {
    private final RoaringCohortIndex cohorts;
    private final Supplier<RoaringBitmap> consenting;

    public ConsentingCodeCounts(RoaringCohortIndex cohorts, Supplier<RoaringBitmap> consenting) {
        this.cohorts = cohorts;
        this.consenting = consenting;
    }

    /** The patients with at least one standing grant (any category, type and purpose) at {@code at} and block. */
    public static RoaringBitmap withStandingGrant(ConsentIndex index, Instant at, long block) {
        int allTypes = AttestationType.maskOf(EnumSet.allOf(AttestationType.class));
        RoaringBitmap out = new RoaringBitmap();
        for (Category c : Category.values()) {
            for (Purpose p : Purpose.values()) {
                out.or(((RoaringPatientSet) index.permitted(c, allTypes, p, at, block)).toBitmap());
            }
        }
        return out;
    }

    /**
     * A partition's place in the random order: a mix of the seed and the partition alone, so that the relative order of
     * two partitions does not depend on which other partitions exist (one patient's deposit or erasure can create or
     * remove partitions; it must not move other patients' contributions).
     */
    static long rank(long seed, Partition p) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (p.kind() + "|" + p.system() + "|" + p.code() + "|" + p.unit())
                .getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        long z = seed + h * 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public List<CodeCount> countConsenting(int maxPerPatient, long seed) {
        RoaringBitmap who = consenting.get();
        List<Map.Entry<Partition, RoaringBitmap>> parts = new ArrayList<>();
        cohorts.forEachPartition((p, patients) -> {
            patients.and(who);
            if (!patients.isEmpty()) {
                parts.add(Map.entry(p, patients));
            }
        });
        parts.sort(Comparator.comparingLong((Map.Entry<Partition, RoaringBitmap> e) -> rank(seed, e.getKey()))
                .thenComparing(e -> e.getKey().toString()));
        int[] used = new int[who.isEmpty() ? 0 : who.last() + 1];
        List<CodeCount> out = new ArrayList<>(parts.size());
        for (Map.Entry<Partition, RoaringBitmap> e : parts) {
            long n = 0;
            for (IntIterator it = e.getValue().getIntIterator(); it.hasNext();) {
                int patient = it.next();
                if (used[patient] < maxPerPatient) {
                    used[patient]++;
                    n++;
                }
            }
            if (n > 0) {
                Partition p = e.getKey();
                out.add(new CodeCount(p.kind(), p.system(), p.code(), p.unit(), n));
            }
        }
        return out;
    }
}
