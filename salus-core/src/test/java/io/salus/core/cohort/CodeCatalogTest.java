package io.salus.core.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.privacy.Epsilon;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CodeCatalogTest {
    /** Far above any listing threshold: listed in every release. */
    private static final long MANY = 100_000;
    private static final List<CodeCount> COUNTS = List.of(
            new CodeCount(FeatureKind.CONDITION, CodeSystems.SNOMED_CT, "44054006", "", MANY),
            new CodeCount(FeatureKind.CONDITION, CodeSystems.SNOMED_CT, "1044054", "", MANY),
            new CodeCount(FeatureKind.OBSERVATION, CodeSystems.LOINC, "4548-4", "%", MANY),
            new CodeCount(FeatureKind.OBSERVATION, CodeSystems.LOINC, "4548-4", "mmol/mol", 3),
            new CodeCount(FeatureKind.OBSERVATION, CodeSystems.LOINC, "8480-6", "mm[Hg]", MANY),
            new CodeCount(FeatureKind.MEDICATION, CodeSystems.RXNORM, "860975", "", MANY),
            new CodeCount(FeatureKind.CONDITION, "urn:other", "X1", "", MANY),
            new CodeCount(FeatureKind.CONDITION, CodeSystems.SNOMED_CT, "rare-1", "", 5),
            new CodeCount(FeatureKind.CONDITION, CodeSystems.SNOMED_CT, "rare-2", "", 1));

    /** A clock the test moves by hand. */
    static final class Hand extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final List<List<Long>> loads = new ArrayList<>();
    private final Hand clock = new Hand();
    private final CatalogRelease release = new CatalogRelease(Epsilon.parse("0.5").orElseThrow(), 8,
            new BigDecimal("0.000001"), new SplittableRandom(7));
    private final CodeCatalog catalog = new CodeCatalog((max, seed) -> {
        loads.add(List.of((long) max, seed));
        return COUNTS;
    }, release, clock, Duration.ofMinutes(1));

    private List<String> codes(String q, Optional<FeatureKind> kind, int limit) {
        return catalog.search(q, kind, limit).orElseThrow().stream().map(CodeEntry::code).toList();
    }

    @Test
    void prefixMatches_comeBeforeSubstringMatches() {
        assertThat(codes("4405", Optional.empty(), 10)).containsExactly("44054006", "1044054");
    }

    @Test
    void results_areLimitedAndFilteredByKindAndSystem() {
        assertThat(codes("4", Optional.empty(), 2)).hasSize(2);
        assertThat(codes("4", Optional.of(FeatureKind.OBSERVATION), 10)).containsExactly("4548-4", "8480-6");
        assertThat(codes("loinc:84", Optional.empty(), 10)).containsExactly("8480-6");
        assertThat(codes("rxnorm:", Optional.empty(), 10)).containsExactly("860975");
    }

    @Test
    void codesAndUnitsFewPatientsHold_areNotListed() {
        assertThat(codes("rare", Optional.empty(), 10)).isEmpty();
        assertThat(catalog.search("4548", Optional.empty(), 1).orElseThrow().get(0).units()).containsExactly("%");
    }

    @Test
    void eachRelease_asksForContributionBoundedCounts_withAFreshOrder() {
        codes("4", Optional.empty(), 10);
        clock.now = clock.now.plusSeconds(60);
        codes("4", Optional.empty(), 10);

        assertThat(loads).hasSize(2).allSatisfy(l -> assertThat(l.get(0)).isEqualTo(8L));
        assertThat(loads.get(0).get(1)).isNotEqualTo(loads.get(1).get(1));
    }

    @Test
    void oneRelease_isServedUnchangedUntilItsWindowEnds() {
        clock.now = Instant.parse("2026-01-01T00:00:30Z");
        codes("4", Optional.empty(), 10);
        codes("8", Optional.empty(), 10);
        clock.now = Instant.parse("2026-01-01T00:00:59.999Z");
        codes("8", Optional.empty(), 10);
        assertThat(loads).hasSize(1);

        clock.now = Instant.parse("2026-01-01T00:01:00Z");
        codes("8", Optional.empty(), 10);
        assertThat(loads).hasSize(2);
    }

    @Test
    void anEmptyOrOverlongQuery_isRefusedWithItsOwnCode() {
        assertThat(catalog.search(" ", Optional.empty(), 10).failure().code()).isEqualTo(ErrorCode.CODE_QUERY_INVALID);
        assertThat(catalog.search("x".repeat(65), Optional.empty(), 10).failure().code())
                .isEqualTo(ErrorCode.CODE_QUERY_INVALID);
        assertThat(loads).isEmpty();
    }

    @Test
    void entriesCarryNoCount_onlyKindSystemCodeAndUnits() {
        CodeEntry e = catalog.search("4548", Optional.empty(), 1).orElseThrow().get(0);

        assertThat(e.key()).isEqualTo("observation|loinc|4548-4");
        assertThat(e.units()).containsExactly("%");
        assertThat(CodeEntry.class.getRecordComponents()).extracting(c -> c.getName())
                .containsExactly("kind", "system", "code", "units");
    }

    @Test
    void systemUris_areShownByTheirAlias_andOthersByTheirUri() {
        assertThat(catalog.search("4548", Optional.empty(), 1).orElseThrow()).extracting(CodeEntry::system)
                .containsExactly("loinc");
        assertThat(catalog.search("x1", Optional.empty(), 1).orElseThrow()).extracting(CodeEntry::system)
                .containsExactly("urn:other");
    }
}
