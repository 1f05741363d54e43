package io.salus.core.dao;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.privacy.Epsilon;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DaoTermsTest {
    static final DaoTerms OK = DaoTerms.of(1_000_000, Set.of(AttestationType.PHARMA), Set.of(Purpose.HRESCH), 500,
            300);

    @Test
    void validTerms_pass_andInvalidOnesNameTheField() {
        assertThat(OK.validate().isOk()).isTrue();
        assertThat(new DaoTerms(-1, 0, 0, 500, 300).validate().failure().detail()).startsWith("floorPrice");
        assertThat(new DaoTerms(0, 0, 0, 0, 300).validate().failure().detail()).startsWith("maxEpsilon");
        assertThat(new DaoTerms(0, 0, 0, 1, 10_001).validate().failure().code()).isEqualTo(ErrorCode.DAO_INVALID_TERMS);
    }

    @Test
    void epsilonInThousandths_roundsUp_soTheDaosMaximumIsNeverExceeded() {
        assertThat(DaoTerms.milli(Epsilon.parse("0.5").orElseThrow())).isEqualTo(500);
        assertThat(DaoTerms.milli(Epsilon.parse("0.0001").orElseThrow())).isEqualTo(1);
        assertThat(DaoTerms.epsilonText(1_500)).isEqualTo("1.5");
        assertThat(OK.maxEpsilon()).isEqualTo("0.5");
    }

    @Test
    void governanceWithoutAVotingPeriodOrQuorum_isRefused() {
        assertThat(new DaoGovernance(Duration.ZERO, Duration.ZERO, 1, 100, Duration.ofDays(1), Duration.ZERO)
                .validate().failure().code()).isEqualTo(ErrorCode.DAO_INVALID_TERMS);
        assertThat(new DaoGovernance(Duration.ZERO, Duration.ofSeconds(10), 0, 100, Duration.ofDays(1),
                Duration.ZERO).validate().isOk()).isFalse();
        assertThat(new DaoGovernance(Duration.ofSeconds(1), Duration.ofSeconds(10), 3, 100, Duration.ofDays(1),
                Duration.ofSeconds(5)).validate().isOk()).isTrue();
    }
}
