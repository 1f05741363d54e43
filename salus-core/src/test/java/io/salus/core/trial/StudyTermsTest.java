package io.salus.core.trial;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
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

    @Test
    void milestones_areFundedUpFrontForEveryPatient_andFoundByName() {
        StudyTerms t = new StudyTerms(2_000_000, 5, NOW.plusSeconds(60), List.of(new Milestone("baseline", 500_000),
                new Milestone("week 12", 1_000_000))).validate(NOW).orElseThrow();
        assertThat(t.escrow()).isEqualTo(5 * 3_500_000L);
        assertThat(t.milestoneIndex("week 12")).contains(1);
        assertThat(t.milestoneIndex("week 52")).isEmpty();
    }

    @Test
    void milestonesWithoutAFee_withARepeatedOrBlankName_tooMany_orOverflowing_areRefused() {
        assertThat(terms(List.of(new Milestone("baseline", 0))).validate(NOW).isOk()).isFalse();
        assertThat(terms(List.of(new Milestone("a", 1), new Milestone("a", 2))).validate(NOW).isOk()).isFalse();
        assertThat(terms(List.of(new Milestone(" ", 1))).validate(NOW).isOk()).isFalse();
        assertThat(terms(IntStream.range(0, Milestone.MAX + 1).mapToObj(i -> new Milestone("m" + i, 1)).toList())
                .validate(NOW).failure().code()).isEqualTo(ErrorCode.TRIAL_INVALID_TERMS);
        assertThat(terms(List.of(new Milestone("huge", Long.MAX_VALUE - 1))).validate(NOW).isOk()).isFalse();
    }

    private static StudyTerms terms(List<Milestone> milestones) {
        return new StudyTerms(1_000_000, 3, NOW.plusSeconds(60), milestones);
    }
}
