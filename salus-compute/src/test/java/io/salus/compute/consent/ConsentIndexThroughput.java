package io.salus.compute.consent;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Grant;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A quick throughput check, not a test: loads 1,000,000 synthetic patients with 1 to 3 standing grants each, then
 * times bulk ({@code permitted}) and single ({@code permits}) decisions on one thread. Run with
 * {@code java -cp ... io.salus.compute.consent.ConsentIndexThroughput [patients]}. The JMH benchmark proper lives in
 * salus-bench.
 */
public final class ConsentIndexThroughput {
    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    private ConsentIndexThroughput() {
    }

    /** A reproducible population: 1 to 3 grants per patient, random masks, windows around {@code NOW}. */
    static Stream<Grant> population(int patients, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] id = {0};
        return IntStream.range(0, patients).boxed().flatMap(n -> {
            EvmAddress patient = new EvmAddress(String.format("0x%040x", n + 1));
            int count = 1 + random.nextInt(3);
            Grant[] grants = new Grant[count];
            for (int i = 0; i < count; i++) {
                long cats = random.nextLong(1, 1L << Category.values().length);
                int types = random.nextInt(1, 1 << 6);
                int purposes = random.nextInt(1, 1 << Purpose.values().length);
                Instant from = NOW.minusSeconds(random.nextLong(0, 400 * 86_400L));
                Instant until = NOW.plusSeconds(random.nextLong(-30 * 86_400L, 400 * 86_400L));
                Optional<Long> revoked = random.nextInt(20) == 0
                        ? Optional.of(random.nextLong(1, 1000))
                        : Optional.empty();
                grants[i] = new Grant(++id[0], new GrantTerms(patient, cats, types, purposes, from, until, 0,
                        Optional.empty()), patient, 1, revoked);
            }
            return Stream.of(grants);
        });
    }

    public static void main(String[] args) {
        int patients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long t0 = System.nanoTime();
        RoaringConsentIndex index = RoaringConsentIndex.of(population(patients, 42), NOW, 1000);
        System.out.printf("loaded %,d patients in %.1f s%n", index.patients(), (System.nanoTime() - t0) / 1e9);
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap used after load: %,d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
        int researcher = AttestationType.ACADEMIC_RESEARCHER.mask();
        int pharmaAndPublic = AttestationType.PHARMA.mask() | AttestationType.PUBLIC_HEALTH.mask();
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            long decisions = 0;
            long permitted = 0;
            for (Category c : Category.values()) {
                for (Purpose p : Purpose.values()) {
                    permitted += index.permitted(c, round % 2 == 0 ? researcher : pharmaAndPublic, p, NOW, 1000)
                            .cardinality();
                    decisions += index.patients();
                }
            }
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("bulk   permitted(): %,d decisions (%,d permits) in %.3f s = %,.0f decisions/s%n",
                    decisions, permitted, s, decisions / s);
        }
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            long permits = 0;
            Purpose[] purposes = Purpose.values();
            for (int o = 0; o < patients; o++) {
                if (index.permits(o, Category.CONDITIONS, pharmaAndPublic, purposes[o % purposes.length], NOW,
                        1000)) {
                    permits++;
                }
            }
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("single permits():   %,d decisions (%,d permits) in %.3f s = %,.0f decisions/s%n",
                    patients, permits, s, patients / s);
        }
    }
}
