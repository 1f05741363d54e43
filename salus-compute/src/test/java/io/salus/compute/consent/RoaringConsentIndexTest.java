package io.salus.compute.consent;

import static io.salus.compute.consent.IndexModel.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Grant;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RoaringConsentIndexTest {
    private static final int RESEARCHER = AttestationType.ACADEMIC_RESEARCHER.mask();
    private static final Instant FROM = T0.plusSeconds(100);
    private static final Instant UNTIL = T0.plusSeconds(200);

    private final RoaringConsentIndex index = new RoaringConsentIndex(T0, 0);

    private static Grant research(long id, int patient, Instant from, Instant until) {
        return grant(id, patient(patient), Category.CONDITIONS.mask(), RESEARCHER, Purpose.HRESCH.mask(), from,
                until, Optional.empty(), Optional.empty());
    }

    private boolean permits(int patient, Instant at, long block) {
        return index.permits(index.ordinal(patient(patient)), Category.CONDITIONS, RESEARCHER, Purpose.HRESCH, at,
                block);
    }

    private long permitted(Instant at, long block) {
        return index.permitted(Category.CONDITIONS, RESEARCHER, Purpose.HRESCH, at, block).cardinality();
    }

    @Test
    void revokedGrant_deniesFromItsBlockOn() {
        index.put(research(1, 0, FROM, UNTIL));
        assertThat(permits(0, FROM, 10)).isTrue();
        index.revoke(1, 12);
        assertThat(permits(0, FROM, 11)).isTrue();
        assertThat(permits(0, FROM, 12)).isFalse();
        assertThat(permitted(FROM, 13)).isZero();
    }

    @Test
    void revocationCarriedByAPut_isEnforcedFromItsBlock() {
        Grant revoked = grant(1, patient(0), Category.CONDITIONS.mask(), RESEARCHER, Purpose.HRESCH.mask(), FROM,
                UNTIL, Optional.empty(), Optional.of(5L));
        index.put(revoked);
        assertThat(permits(0, FROM, 4)).isTrue();
        assertThat(permits(0, FROM, 5)).isFalse();
    }

    @Test
    void expiryBoundary_permitsJustBeforeValidUntilAndDeniesAtIt() {
        index.put(research(1, 0, FROM, UNTIL));
        assertThat(permits(0, UNTIL.minusNanos(1), 0)).isTrue();
        assertThat(permitted(UNTIL.minusNanos(1), 0)).isEqualTo(1);
        assertThat(permits(0, UNTIL, 0)).isFalse();
        assertThat(permitted(UNTIL, 0)).isZero();
    }

    @Test
    void notYetValidGrant_becomesValidAtValidFrom() {
        index.put(research(1, 0, FROM, UNTIL));
        assertThat(permits(0, FROM.minusNanos(1), 0)).isFalse();
        assertThat(permits(0, FROM, 0)).isTrue();
        assertThat(permitted(FROM, 0)).isEqualTo(1);
    }

    @Test
    void rePutGrant_replacesItsTerms() {
        index.put(research(1, 0, FROM, UNTIL));
        Grant narrowed = grant(1, patient(0), Category.IMAGING.mask(), RESEARCHER, Purpose.HRESCH.mask(), FROM,
                UNTIL, Optional.empty(), Optional.empty());
        index.put(narrowed);
        assertThat(permits(0, FROM, 0)).isFalse();
        assertThat(index.permits(index.ordinal(patient(0)), Category.IMAGING, RESEARCHER, Purpose.HRESCH, FROM, 0))
                .isTrue();
    }

    @Test
    void rePutGrant_doesNotUndoARevocation() {
        index.put(research(1, 0, FROM, UNTIL));
        index.revoke(1, 3);
        index.put(research(1, 0, FROM, UNTIL));
        assertThat(permits(0, FROM, 3)).isFalse();
    }

    @Test
    void revocationBeforeItsGrant_isKeptForIt() {
        index.revoke(1, 3);
        index.put(research(1, 0, FROM, UNTIL));
        assertThat(permits(0, FROM, 2)).isTrue();
        assertThat(permits(0, FROM, 3)).isFalse();
    }

    @Test
    void grantNamingOneConsumer_isNotInTheBulkSets() {
        index.put(grant(1, patient(0), Category.CONDITIONS.mask(), RESEARCHER, Purpose.HRESCH.mask(), FROM, UNTIL,
                Optional.of(CONSUMER), Optional.empty()));
        assertThat(permits(0, FROM, 0)).isFalse();
        assertThat(index.patients()).isEqualTo(1);
    }

    @Test
    void otherTypesInTheMask_doNotMatch() {
        index.put(research(1, 0, FROM, UNTIL));
        assertThat(index.permits(index.ordinal(patient(0)), Category.CONDITIONS, AttestationType.PHARMA.mask(),
                Purpose.HRESCH, FROM, 0)).isFalse();
        assertThat(index.permits(index.ordinal(patient(0)), Category.CONDITIONS,
                AttestationType.PHARMA.mask() | RESEARCHER, Purpose.HRESCH, FROM, 0)).isTrue();
    }

    @Test
    void queryBeforeTheCursor_isAnsweredFromTheGrants() {
        index.put(research(1, 0, FROM, UNTIL));
        index.put(research(2, 1, T0, FROM.plusSeconds(10)));
        assertThat(permitted(UNTIL.plusSeconds(1), 0)).isZero();
        assertThat(permitted(FROM, 0)).isEqualTo(2);
        assertThat(permits(1, FROM.plusSeconds(5), 0)).isTrue();
        assertThat(permits(0, FROM.minusSeconds(1), 0)).isFalse();
    }

    @Test
    void bulkLoad_assignsDenseOrdinalsAndAnswers() {
        RoaringConsentIndex loaded = RoaringConsentIndex.of(Stream.of(research(1, 0, FROM, UNTIL),
                research(2, 1, FROM, UNTIL), research(3, 0, T0, UNTIL)), FROM, 0);
        assertThat(loaded.patients()).isEqualTo(2);
        assertThat(loaded.ordinalIfKnown(patient(1))).hasValue(1);
        assertThat(loaded.ordinalIfKnown(patient(7))).isEmpty();
        assertThat(loaded.permitted(Category.CONDITIONS, RESEARCHER, Purpose.HRESCH, FROM, 0).toArray())
                .containsExactly(0, 1);
    }

    @Test
    void clear_dropsGrantsButKeepsOrdinals() {
        index.put(research(1, 0, FROM, UNTIL));
        index.clear();
        assertThat(permits(0, FROM, 0)).isFalse();
        assertThat(index.ordinalIfKnown(patient(0))).hasValue(0);
    }
}
