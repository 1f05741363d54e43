package io.salus.compute.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.cohort.CatalogRelease;
import io.salus.core.cohort.CodeSystems;
import io.salus.core.cohort.Criterion;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.privacy.CountRelease;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.NoisyCount;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * The attack the issue describes: watch the code catalogue (and spend the organisation's budget on counts) across one
 * patient's deposit or erasure, and tell whether that patient holds a rare code. The target is the worst case: it holds
 * only that code (so it always counts in it) and the other holders sit exactly one below the listing threshold, where
 * one patient moves the listing most. Over 20,000 simulated attacks on a fair coin (fixed seeds), the attacker is right
 * no more often than the differential privacy guarantee allows; with the old catalogue (an exact threshold over all
 * patients) and the old parameters (a budget of 10, any epsilon per query) the same attacks are (nearly) always right.
 */
class CatalogAndCountDifferencingAttackTest {
    private static final int ATTACKS = 20_000;
    private static final double TOLERANCE = 0.01; // about 3 standard errors of an accuracy over 20,000 attacks
    private static final Feature RARE = Feature.coded(FeatureKind.CONDITION, CodeSystems.SNOMED_CT, "rare-1",
            Optional.empty());
    private static final Criterion HAS_RARE = new Criterion.HasFeature(FeatureKind.CONDITION, CodeSystems.SNOMED_CT,
            "rare-1", Optional.empty(), Optional.empty());
    private static final LocalDate AT = LocalDate.of(2026, 1, 1);

    /** Holders of the rare code other than the target (ordinals 0..others-1); the target is ordinal {@code others}. */
    private static final class Node {
        final RoaringCohortIndex index = RoaringCohortIndex.withOwnOrdinals();
        final RoaringBitmap consenting = new RoaringBitmap();
        final int target;
        boolean present;

        Node(int others) {
            for (int i = 0; i < others; i++) {
                index.add(i, List.of(RARE));
            }
            target = others;
            consenting.add(0L, others + 1L);
        }

        void world(boolean withTarget) {
            if (withTarget && !present) {
                index.add(target, List.of(RARE)); // the deposit
            } else if (!withTarget && present) {
                index.remove(target); // the erasure
            }
            present = withTarget;
        }

        boolean listed(CatalogRelease release) {
            return !release.release(new ConsentingCodeCounts(index, consenting::clone)).isEmpty();
        }

        long count() {
            return RoaringBitmap.andCardinality(index.evaluate(HAS_RARE, AT), consenting);
        }
    }

    private static CatalogRelease defaults(long seed) {
        return new CatalogRelease(eps("0.5"), 8, new BigDecimal("0.000001"), new SplittableRandom(seed));
    }

    private static Epsilon eps(String e) {
        return Epsilon.parse(e).orElseThrow();
    }

    private static double bound(double eps) {
        return Math.exp(eps) / (1 + Math.exp(eps));
    }

    private static long shown(NoisyCount c) {
        return c instanceof NoisyCount.Released r ? r.value() : 0;
    }

    @Test
    void watchingTheCatalogueAcrossOneDeposit_revealsThePatientOnlyWithinTheGuarantee() {
        CatalogRelease release = defaults(11);
        Node node = new Node((int) release.threshold() - 1);
        SplittableRandom coin = new SplittableRandom(12);
        int right = 0;
        for (int a = 0; a < ATTACKS; a++) {
            boolean present = coin.nextBoolean();
            node.world(present);
            right += node.listed(release) == present ? 1 : 0;
        }
        double accuracy = right / (double) ATTACKS;
        double perPartition = release.perPartition().value().doubleValue();
        assertThat(accuracy).isLessThanOrEqualTo(bound(perPartition) + 1e-6 + TOLERANCE);
    }

    @Test
    void theOldCatalogue_anExactThresholdOverAllPatients_revealsThePatientEveryTime() {
        Node node = new Node(10);
        SplittableRandom coin = new SplittableRandom(13);
        int right = 0;
        for (int a = 0; a < 2_000; a++) {
            boolean present = coin.nextBoolean();
            node.world(present);
            boolean listed = node.index.count(HAS_RARE, AT) >= CountRelease.THRESHOLD;
            right += listed == present ? 1 : 0;
        }
        assertThat(right).isEqualTo(2_000);
    }

    /**
     * Catalogue and counts together: the informed attacker (who knows every other holder) adds the log-likelihood
     * ratios of the catalogue listing and of each noisy count of "holds the rare code" its budget affords.
     */
    private static double combinedAccuracy(CatalogRelease release, int others, int queries, Epsilon perQuery,
            boolean exactCatalogue, long seed) {
        Node node = new Node(others);
        CountRelease counts = new CountRelease(new SplittableRandom(seed));
        SplittableRandom coin = new SplittableRandom(seed + 1);
        double eq = perQuery.value().doubleValue();
        double ec = release.perPartition().value().doubleValue();
        int right = 0;
        for (int a = 0; a < ATTACKS; a++) {
            boolean present = coin.nextBoolean();
            node.world(present);
            double llr;
            if (exactCatalogue) {
                llr = node.index.count(HAS_RARE, AT) > others ? 100 : -100;
            } else {
                llr = node.listed(release) ? ec : -ec;
            }
            for (int q = 0; q < queries; q++) {
                long r = shown(counts.release(node.count(), perQuery));
                llr += eq * (Math.abs(r - others) - Math.abs(r - others - 1));
            }
            boolean guess = llr > 0 || llr == 0 && coin.nextBoolean();
            right += guess == present ? 1 : 0;
        }
        return right / (double) ATTACKS;
    }

    @Test
    void catalogueAndCountsTogether_stayWithinTheBudgetPlusTheCatalogue() {
        CatalogRelease release = defaults(21);
        int others = (int) release.threshold() - 1;
        // the default budget (2 per period) at the default cap (1 per query): two counts
        double accuracy = combinedAccuracy(release, others, 2, eps("1"), false, 22);
        double total = 2 + release.perPartition().value().doubleValue();
        assertThat(accuracy).isLessThanOrEqualTo(bound(total) + 1e-6 + TOLERANCE);
    }

    @Test
    void theOldParameters_twoCountsAtEpsilonFiveAndTheExactCatalogue_revealThePatient() {
        CatalogRelease release = defaults(31);
        assertThat(combinedAccuracy(release, 10, 0, eps("5"), true, 32)).isEqualTo(1.0);
        assertThat(combinedAccuracy(release, (int) release.threshold() - 1, 2, eps("5"), false, 33))
                .isGreaterThan(0.99);
    }
}
