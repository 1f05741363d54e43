package io.salus.core.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.error.ErrorCode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SplitPolicyTest {
    static final SplitPolicy POLICY = new SplitPolicy(6_000, 1_000, 500, 300, 1_500);

    @Test
    void aSplitGivingThePatientNothing_orTheOperatorTooMuch_isBelowThePolicy() {
        assertThat(POLICY.check(new Split(0, 0, 0, 0, 10_000)).failure().code())
                .isEqualTo(ErrorCode.DEAL_BELOW_POLICY);
        assertThat(POLICY.check(new Split(6_000, 1_000, 500, 300, 2_200)).failure().detail()).contains("operator");
        assertThat(POLICY.check(new Split(6_000, 2_000, 500, 500, 1_000)).isOk()).isTrue();
    }

    @Test
    void aPolicyWithoutAPatientShare_orWhoseMinimumsExceedTheWhole_cannotExist() {
        assertThatThrownBy(() -> new SplitPolicy(0, 0, 0, 0, 10_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SplitPolicy(9_000, 1_000, 500, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void theDefaultSplit_alwaysMeetsItsPolicy(@ForAll @IntRange(min = 1, max = 7_000) int patient,
            @ForAll @IntRange(min = 0, max = 1_000) int providers, @ForAll @IntRange(min = 0, max = 1_000) int cg,
            @ForAll @IntRange(min = 0, max = 1_000) int dao, @ForAll @IntRange(min = 0, max = 10_000) int op) {
        SplitPolicy p = new SplitPolicy(patient, providers, cg, dao, op);
        assertThat(p.admits(p.defaultSplit())).isTrue();
        assertThat(p.check(p.defaultSplit()).isOk()).isTrue();
    }
}
