package io.salus.core.trial;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StudyTermsTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void validTerms_escrowFeeTimesCap_deadlineInWholeSeconds() {
        StudyTerms t = new StudyTerms(2_000_000, 5, NOW.plusMillis(3_600_500)).validate(NOW).orElseThrow();
        assertThat(t.escrow()).isEqualTo(10_000_000);
        assertThat(t.deadline()).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void aZeroFee_aCapOutOfRange_aPastDeadline_andAnOverflowingEscrow_areRefused() {
        assertThat(new StudyTerms(0, 5, NOW.plusSeconds(60)).validate(NOW).failure().code())
                .isEqualTo(ErrorCode.TRIAL_INVALID_TERMS);
        assertThat(new StudyTerms(1, 0, NOW.plusSeconds(60)).validate(NOW).failure().code())
                .isEqualTo(ErrorCode.TRIAL_INVALID_TERMS);
        assertThat(new StudyTerms(1, StudyTerms.MAX_CAP + 1, NOW.plusSeconds(60)).validate(NOW).isOk()).isFalse();
        assertThat(new StudyTerms(1, 1, NOW).validate(NOW).isOk()).isFalse();
        assertThat(new StudyTerms(Long.MAX_VALUE / 2, 3, NOW.plusSeconds(60)).validate(NOW).isOk()).isFalse();
    }
}
