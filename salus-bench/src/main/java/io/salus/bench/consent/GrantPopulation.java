package io.salus.bench.consent;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Grant;
import io.salus.core.consent.GrantTerms;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A deterministic synthetic consent population: patient {@code i} of {@code patients} (address {@code 0x…(i+1)}) has
 * one to three grants drawn from its own {@link SplittableRandom} seeded by a mix of ({@code seed}, {@code i}), so a
 * patient's grants are the same alone ({@link #grantsOf}) or inside the stream ({@link #grants}), in patient order.
 * Masks come from {@link GrantKinds} (research, public health, care, commercial and random consents); windows are
 * mostly current, some expired, about 10 % not yet valid; about 5 % of grants are revoked at a block up to
 * {@link #HEAD}; about 3 % name one consumer ({@link #NAMED_CONSUMER}). Immutable and thread-safe.
 *
 * @param patients how many patients
 * @param seed the seed; the same seed gives the same grants
 */
public record GrantPopulation(int patients, long seed) {
    /** The time every benchmark decision is taken at. */
    public static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    /** The chain head at {@link #NOW}: grants and revocations are all at or before it. */
    public static final long HEAD = 1_000_000;
    /** The one consumer that named-consumer grants name (never the benchmark's requester). */
    public static final EvmAddress NAMED_CONSUMER = new EvmAddress("0x" + "c0".repeat(20));

    private static final long DAY = 86_400;
    private static final long YEAR = 365 * DAY;
    private static final long[] DURATIONS = {90 * DAY, YEAR, 2 * YEAR, 5 * YEAR, 10 * YEAR};

    public GrantPopulation {
        if (patients < 0) {
            throw new IllegalArgumentException("patients must be >= 0");
        }
    }

    /** Every grant, patient by patient (ordinal order, as a rebuild from chain events by patient would see them). */
    public Stream<Grant> grants() {
        return IntStream.range(0, patients).boxed().flatMap(i -> grantsOf(i).stream());
    }

    /** The address of patient {@code i}. */
    public static EvmAddress patient(int i) {
        return new EvmAddress(String.format("0x%040x", i + 1L));
    }

    /** The grants of patient {@code i}, ids {@code 3i+1} to {@code 3i+3}. */
    public List<Grant> grantsOf(int i) {
        SplittableRandom r = new SplittableRandom(mix(seed, i));
        EvmAddress patient = patient(i);
        int count = 1 + r.nextInt(3);
        List<Grant> grants = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            grants.add(grant(3L * i + k + 1, patient, r));
        }
        return grants;
    }

    private static Grant grant(long id, EvmAddress patient, SplittableRandom r) {
        GrantKinds.Masks masks = GrantKinds.draw(r);
        long categories = categories(r);
        long from = r.nextInt(100) < 10
                ? NOW.getEpochSecond() + r.nextLong(DAY, YEAR)
                : NOW.getEpochSecond() - r.nextLong(0, 5 * YEAR);
        long until = from + DURATIONS[r.nextInt(DURATIONS.length)];
        long grantedAt = r.nextLong(1, HEAD);
        Optional<Long> revoked = r.nextInt(100) < 5
                ? Optional.of(r.nextLong(grantedAt + 1, HEAD + 1))
                : Optional.empty();
        Optional<EvmAddress> named = r.nextInt(100) < 3 ? Optional.of(NAMED_CONSUMER) : Optional.empty();
        long minPrice = r.nextInt(4) == 0 ? r.nextLong(1, 10_000) : 0;
        GrantTerms terms = new GrantTerms(patient, categories, masks.types(), masks.purposes(),
                Instant.ofEpochSecond(from), Instant.ofEpochSecond(until), minPrice, named);
        return new Grant(id, terms, patient, grantedAt, revoked);
    }

    private static long categories(SplittableRandom r) {
        int c = r.nextInt(100);
        if (c < 25) {
            return (1L << Category.values().length) - 1;
        }
        if (c < 55) {
            return mask(Category.CONDITIONS, Category.MEDICATIONS, Category.LAB_RESULTS, Category.VITAL_SIGNS,
                    Category.PROCEDURES, Category.IMMUNIZATIONS, Category.ALLERGIES);
        }
        if (c < 75) {
            return mask(Category.DEMOGRAPHICS, Category.CONDITIONS, Category.MEDICATIONS, Category.LAB_RESULTS);
        }
        return r.nextLong(1, 1L << Category.values().length);
    }

    private static long mask(Category... categories) {
        long m = 0;
        for (Category c : categories) {
            m |= c.mask();
        }
        return m;
    }

    /** SplitMix64 of the seed and the patient index: independent, reproducible streams per patient. */
    private static long mix(long seed, long i) {
        long z = seed * 0x9E3779B97F4A7C15L + (i + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
