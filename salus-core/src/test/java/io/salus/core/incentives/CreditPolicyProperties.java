package io.salus.core.incentives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.AccountId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The funding side of the credit rule: a period's pools are the stated shares of what settled, never more, and what
 * the calculator pays from them never exceeds what settled, whatever the depositors.
 */
class CreditPolicyProperties {

    static CreditPolicy policy(long rate, int treasuryBps, int feeBps) {
        return new CreditPolicy(new CreditRule(rate), treasuryBps, feeBps, 1440, 50);
    }

    @Property
    void thePoolsAreTheStatedSharesOfWhatSettled_roundedDown(@ForAll @LongRange(max = 1L << 40) long treasury,
            @ForAll @LongRange(max = 1L << 40) long fees, @ForAll @IntRange(max = 10_000) int treasuryBps,
            @ForAll @IntRange(max = 10_000) int feeBps) {
        PeriodFunding f = policy(10, treasuryBps, feeBps).fund(treasury, fees);
        assertThat(f.holdingPool()).isLessThanOrEqualTo(treasury).isEqualTo(treasury * treasuryBps / 10_000);
        assertThat(f.utilisationPool()).isLessThanOrEqualTo(fees).isEqualTo(fees * feeBps / 10_000);
    }

    @Property
    void whatIsPaidNeverExceedsWhatSettled(@ForAll @LongRange(max = 1L << 32) long treasury,
            @ForAll @LongRange(max = 1L << 32) long fees, @ForAll @IntRange(max = 10_000) int bps,
            @ForAll @LongRange(max = 100_000) long rate, @ForAll @IntRange(min = 0, max = 30) int n,
            @ForAll @LongRange(max = 1_000_000) long seed) {
        List<DepositorPeriod> ds = new ArrayList<>();
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            Optional<StreamQuality> q = r.nextBoolean()
                    ? Optional.empty()
                    : Optional.of(new StreamQuality(r.nextInt(100_000), r.nextInt(120_000), 30, r.nextInt(31)));
            ds.add(new DepositorPeriod(new AccountId(UUID.randomUUID()), r.nextInt(1_000_000), q, r.nextInt(50)));
        }
        PeriodFunding f = policy(rate, bps, bps).fund(treasury, fees);
        CreditStatement s = CreditCalculator.credit(new CreditRule(rate), f, ds).orElseThrow();
        assertThat(s.holdingPaid()).isLessThanOrEqualTo(f.holdingPool()).isLessThanOrEqualTo(treasury);
        assertThat(s.utilisationPaid()).isLessThanOrEqualTo(f.utilisationPool()).isLessThanOrEqualTo(fees);
        assertThat(s.credits().stream().mapToLong(Credit::total).sum()).isEqualTo(s.totalPaid());
    }

    @Example
    void sharesOutsideBasisPoints_andAFreeService_areRefused() {
        assertThatThrownBy(() -> policy(10, 10_001, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy(10, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CreditPolicy(new CreditRule(10), 5000, 5000, 1440, 0)).isInstanceOf(
                IllegalArgumentException.class);
    }
}
