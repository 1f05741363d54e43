package io.salus.core.cohort;

import io.salus.core.port.CodeSource;
import io.salus.core.privacy.DiscreteLaplace;
import io.salus.core.privacy.Epsilon;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * One differentially private release of the code catalogue: which codes, and in which units, consenting patients hold.
 * Each (kind, system, code, unit) partition's contribution-bounded count (every patient counts in at most
 * {@code maxPerPatient} partitions, {@link CodeSource}) gets discrete Laplace noise with {@code eps / maxPerPatient};
 * a partition is listed when its noisy count reaches {@link #threshold()}, a code when one of its partitions is, with
 * the units of its listed partitions. No count is released.
 *
 * <p>
 * Guarantee (one release, one patient added or removed): at most {@code maxPerPatient} counts change, each by one, so
 * the listed set is {@code eps}-DP over partitions that exist either way, plus {@code delta} for partitions that exist
 * only because of that patient (each listed with probability {@code P[1 + Y >= threshold]}). The threshold is the
 * smallest that keeps this under {@code delta}, and never below {@link io.salus.core.privacy.CountRelease#THRESHOLD}:
 * a code a handful of patients hold is listed with negligible probability, and a deposit or an erasure flips what the
 * catalogue shows only within the guarantee. Thread-safe when the generator is.
 */
public final class CatalogRelease {
    private final Epsilon perPartition;
    private final int maxPerPatient;
    private final long threshold;
    private final DiscreteLaplace noise;
    private final RandomGenerator random;

    /**
     * @param eps the epsilon of one release
     * @param maxPerPatient how many partitions one patient may count in
     * @param delta the failure probability of one release, in (0, 0.5)
     * @throws IllegalArgumentException when {@code eps / maxPerPatient} is below 0.000001 or delta is out of range
     */
    public CatalogRelease(Epsilon eps, int maxPerPatient, BigDecimal delta, RandomGenerator random) {
        if (maxPerPatient < 1) {
            throw new IllegalArgumentException("maxPerPatient must be at least 1");
        }
        if (delta.signum() <= 0 || delta.compareTo(new BigDecimal("0.5")) >= 0) {
            throw new IllegalArgumentException("delta must be in (0, 0.5), not " + delta);
        }
        BigDecimal share = eps.value().divide(BigDecimal.valueOf(maxPerPatient), Epsilon.MAX_SCALE,
                RoundingMode.DOWN);
        if (share.signum() <= 0) {
            throw new IllegalArgumentException("epsilon " + eps + " over " + maxPerPatient
                    + " partitions is below 0.000001");
        }
        this.perPartition = Epsilon.of(share).orElseThrow();
        this.maxPerPatient = maxPerPatient;
        this.threshold = threshold(perPartition, maxPerPatient, delta.doubleValue());
        this.noise = new DiscreteLaplace(random);
        this.random = random;
    }

    /**
     * The smallest listing threshold {@code tau >= 11} with {@code maxPerPatient * P[Y >= tau - 1] <= delta}, where
     * {@code P[Y >= k] = q^k / (1 + q)} and {@code q = e^-eps} for discrete Laplace noise. (Floating point here only
     * chooses a parameter; the noise itself is sampled exactly.)
     */
    static long threshold(Epsilon perPartition, int maxPerPatient, double delta) {
        double eps = perPartition.value().doubleValue();
        double q = Math.exp(-eps);
        double bound = delta * (1 + q) / maxPerPatient;
        long k = (long) Math.ceil(Math.log(bound) / -eps);
        while (k > 1 && Math.pow(q, k - 1) <= bound) {
            k--;
        }
        while (Math.pow(q, k) > bound) {
            k++;
        }
        return Math.max(io.salus.core.privacy.CountRelease.THRESHOLD, k + 1);
    }

    /** The noisy count a partition needs to be listed. */
    public long threshold() {
        return threshold;
    }

    /** The epsilon of each partition's noise. */
    public Epsilon perPartition() {
        return perPartition;
    }

    public int maxPerPatient() {
        return maxPerPatient;
    }

    /** A release from the source's current counts, fresh noise; entries sorted by kind, system and code. */
    public List<CodeEntry> release(CodeSource source) {
        Map<String, CodeEntry> listed = new TreeMap<>();
        Map<String, TreeSet<String>> units = new TreeMap<>();
        for (CodeCount c : source.countConsenting(maxPerPatient, random.nextLong())) {
            long y = noise.sample(perPartition);
            if (c.patients() + y < threshold) {
                continue;
            }
            String key = c.kind().ordinal() + "|" + c.system() + "|" + c.code();
            listed.putIfAbsent(key, new CodeEntry(c.kind(), c.system(), c.code(), List.of()));
            TreeSet<String> u = units.computeIfAbsent(key, k -> new TreeSet<>());
            if (!c.unit().isEmpty()) {
                u.add(c.unit());
            }
        }
        List<CodeEntry> out = new ArrayList<>(listed.size());
        listed.forEach((key, e) -> out.add(new CodeEntry(e.kind(), e.system(), e.code(), List.copyOf(units.get(key)))));
        return out;
    }
}
