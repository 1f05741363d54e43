package io.salus.core.incentives;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The worked example of docs/health-services.md ("Incentives"). */
class CreditCalculatorTest {
    static final AccountId A = new AccountId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    static final AccountId B = new AccountId(UUID.fromString("00000000-0000-0000-0000-00000000000b"));
    static final AccountId C = new AccountId(UUID.fromString("00000000-0000-0000-0000-00000000000c"));
    static final CreditRule RATE_10 = new CreditRule(10);
    static final List<DepositorPeriod> PERIOD = List.of(new DepositorPeriod(A, 1000, Optional.empty(), 0),
            new DepositorPeriod(B, 1000, Optional.of(new StreamQuality(8640, 8640, 30, 30)), 30),
            new DepositorPeriod(C, 100, Optional.of(new StreamQuality(1000, 900, 30, 27)), 10));

    @Test
    void volumeUnits_areAThousandTimesLog2OfOnePlusRecords() {
        assertThat(CreditCalculator.volumeUnits(0)).isZero();
        assertThat(CreditCalculator.volumeUnits(1)).isEqualTo(1000);
        assertThat(CreditCalculator.volumeUnits(100)).isEqualTo(6658);
        assertThat(CreditCalculator.volumeUnits(1000)).isEqualTo(9967);
    }

    @Test
    void anAmplePool_paysEveryoneTheFixedRateAndKeepsTheRest() {
        CreditStatement s = CreditCalculator.credit(RATE_10, new PeriodFunding(1_000_000, 50_000), PERIOD)
                .orElseThrow();
        assertThat(s.prorated()).isFalse();
        assertThat(s.credits()).extracting(Credit::holding).containsExactly(99_670L, 199_340L, 120_509L);
        assertThat(s.credits()).extracting(Credit::qualityBps).containsExactly(0, 10_000, 8_100);
        assertThat(s.holdingLeft()).isEqualTo(1_000_000 - 419_519);
    }

    @Test
    void aShortPool_isSharedProRataToWeightAndNeverOverpaid() {
        CreditStatement s = CreditCalculator.credit(RATE_10, new PeriodFunding(300_000, 50_000), PERIOD)
                .orElseThrow();
        assertThat(s.prorated()).isTrue();
        assertThat(s.credits()).extracting(Credit::holding).containsExactly(71_274L, 142_548L, 86_176L);
        assertThat(s.holdingPaid()).isEqualTo(299_998);
        assertThat(s.holdingLeft()).isEqualTo(2);
    }

    @Test
    void theUtilisationPool_isSharedByUse() {
        CreditStatement s = CreditCalculator.credit(RATE_10, new PeriodFunding(300_000, 50_000), PERIOD)
                .orElseThrow();
        assertThat(s.credits()).extracting(Credit::utilisation).containsExactly(0L, 37_500L, 12_500L);
        assertThat(s.credits().get(1).total()).isEqualTo(142_548 + 37_500);
        assertThat(s.totalPaid()).isLessThanOrEqualTo(350_000);
    }

    @Test
    void noUseAndNoData_payNothing() {
        CreditStatement s = CreditCalculator.credit(RATE_10, new PeriodFunding(300_000, 50_000),
                List.of(new DepositorPeriod(A, 0, Optional.empty(), 0))).orElseThrow();
        assertThat(s.totalPaid()).isZero();
        assertThat(s.holdingLeft() + s.utilisationLeft()).isEqualTo(350_000);
    }

    @Test
    void invalidInputs_areRefusedWithTheirLocations() {
        Failure f = CreditCalculator.credit(new CreditRule(-1), new PeriodFunding(-5, 0), List.of(
                new DepositorPeriod(A, 10, Optional.of(new StreamQuality(10, 10, 30, 31)), 0),
                new DepositorPeriod(A, 10, Optional.empty(), 0))).failure();
        assertThat(f.code()).isEqualTo(ErrorCode.CREDIT_RULE_INVALID);
        assertThat(f.issues()).extracting(Failure.Issue::location).containsExactly("rule.creditsPerVolumeUnit",
                "funding", "depositors[0]", "depositors[1]");
    }
}
