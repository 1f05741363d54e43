package io.salus.core.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTest {
    private static final Split SPLIT = new Split(7_000, 1_500, 500, 500, 500);
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);

    @Test
    void basisPointsThatDoNotSumToTenThousand_areRefused() {
        assertThat(Split.of(7_000, 1_500, 500, 500, 499).failure().code()).isEqualTo(ErrorCode.DEAL_INVALID_TERMS);
        assertThat(Split.of(10_001, -1, 0, 0, 0).failure().code()).isEqualTo(ErrorCode.DEAL_INVALID_TERMS);
        assertThatThrownBy(() -> new Split(5_000, 5_000, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Split.of(10_000, 0, 0, 0, 0).isOk()).isTrue();
    }

    @Test
    void aWorkedExample_matchesTheStatedRule() {
        Shares s = SplitCalculator.shares(1_000_013, SPLIT, true, List.of(1, 1, 1));

        assertThat(s.providers()).containsExactly(50_001L, 50_000L, 50_000L);
        assertThat(s.caregiver()).isEqualTo(50_000);
        assertThat(s.daoTreasury()).isEqualTo(50_000);
        assertThat(s.operator()).isEqualTo(50_000);
        assertThat(s.patient()).isEqualTo(700_009 + 3);
        assertThat(s.total()).isEqualTo(1_000_013);
    }

    @Test
    void aPatientWithoutCaregiverOrProviders_receivesThoseParts() {
        Shares s = SplitCalculator.shares(10_000, SPLIT, false, List.of());

        assertThat(s.patient()).isEqualTo(7_000 + 1_500 + 500);
        assertThat(s.providers()).isEmpty();
        assertThat(s.caregiver()).isZero();
    }

    @Test
    void termsName_theFieldAtFault() {
        DealTerms ok = new DealTerms(Hash32.ZERO, 2, Purpose.HRESCH, 1_000_000, 10, NOW.plusSeconds(3600), SPLIT);
        assertThat(ok.validate(NOW).isOk()).isTrue();
        assertThat(ok.escrow()).isEqualTo(10_000_000);

        assertThat(new DealTerms(Hash32.ZERO, 0, Purpose.HRESCH, 1, 1, NOW.plusSeconds(1), SPLIT).validate(NOW)
                .failure().detail()).startsWith("categories");
        assertThat(new DealTerms(Hash32.ZERO, 2, Purpose.HRESCH, 0, 1, NOW.plusSeconds(1), SPLIT).validate(NOW)
                .failure().detail()).startsWith("pricePerPatient");
        assertThat(new DealTerms(Hash32.ZERO, 2, Purpose.HRESCH, 1, 0, NOW.plusSeconds(1), SPLIT).validate(NOW)
                .failure().detail()).startsWith("maxPatients");
        assertThat(new DealTerms(Hash32.ZERO, 2, Purpose.HRESCH, 1, 1, NOW, SPLIT).validate(NOW).failure().detail())
                .startsWith("deadline");
        assertThat(new DealTerms(Hash32.ZERO, 2, Purpose.HRESCH, DealTerms.MAX_PRICE, Integer.MAX_VALUE,
                NOW.plusSeconds(1), SPLIT).validate(NOW).failure().detail()).startsWith("maxPatients");
    }
}
