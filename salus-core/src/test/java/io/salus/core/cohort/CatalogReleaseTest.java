package io.salus.core.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.privacy.Epsilon;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CatalogReleaseTest {
    private static Epsilon eps(String e) {
        return Epsilon.parse(e).orElseThrow();
    }

    private static CatalogRelease release(String eps, int k, String delta, long seed) {
        return new CatalogRelease(eps(eps), k, new BigDecimal(delta), new SplittableRandom(seed));
    }

    @Test
    void theDefaults_splitEpsilonOverEightPartitions_andListOnlyWellAboveTheSmallCellThreshold() {
        CatalogRelease r = release("0.5", 8, "0.000001", 1);

        assertThat(r.perPartition()).isEqualTo(eps("0.0625"));
        assertThat(r.threshold()).isEqualTo(245);
        // the threshold keeps delta: K * P[Y >= tau - 1] <= delta, and is the smallest that does
        double q = Math.exp(-0.0625);
        assertThat(8 * Math.pow(q, r.threshold() - 1) / (1 + q)).isLessThanOrEqualTo(1e-6);
        assertThat(8 * Math.pow(q, r.threshold() - 2) / (1 + q)).isGreaterThan(1e-6);
    }

    @Test
    void theThreshold_neverFallsBelowTheSmallCellThreshold() {
        assertThat(release("10", 1, "0.4", 1).threshold()).isEqualTo(11);
    }

    @Test
    void epsilonTooSmallToSplit_orDeltaOutOfRange_isRefused() {
        assertThatThrownBy(() -> release("0.000001", 8, "0.000001", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> release("1", 0, "0.000001", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> release("1", 8, "0", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> release("1", 8, "0.5", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPartitionIsListed_withTheProbabilityTheNoiseGives() {
        // eps per partition 0.5: q = e^-0.5; P[c + Y >= tau] for c = tau - 2 is P[Y >= 2] = q^2 / (1 + q)
        CatalogRelease r = release("0.5", 1, "0.001", 42);
        long tau = r.threshold();
        List<CodeCount> counts = List.of(new CodeCount(FeatureKind.CONDITION, "s", "near", "", tau - 2));
        int trials = 100_000;
        int listed = 0;
        for (int i = 0; i < trials; i++) {
            listed += r.release((k, seed) -> counts).size();
        }
        double q = Math.exp(-0.5);
        double expected = q * q / (1 + q);
        double se = Math.sqrt(expected * (1 - expected) / trials);
        assertThat((double) listed / trials).isCloseTo(expected, org.assertj.core.data.Offset.offset(5 * se));
    }

    @Test
    void aCodeIsListedWithTheUnitsOfItsListedPartitionsOnly() {
        CatalogRelease r = release("8", 1, "0.01", 3);
        List<CodeEntry> out = r.release((k, seed) -> List.of(
                new CodeCount(FeatureKind.OBSERVATION, "loinc-uri", "2345-7", "mg/dL", 1_000),
                new CodeCount(FeatureKind.OBSERVATION, "loinc-uri", "2345-7", "mmol/L", 2),
                new CodeCount(FeatureKind.OBSERVATION, "loinc-uri", "2345-7", "", 1_000)));
        assertThat(out).containsExactly(new CodeEntry(FeatureKind.OBSERVATION, "loinc-uri", "2345-7",
                List.of("mg/dL")));
    }
}
