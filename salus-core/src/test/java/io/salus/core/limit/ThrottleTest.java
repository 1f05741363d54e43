package io.salus.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThrottleTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aFloodOfOneKey_isRefusedWithRateLimitedAndTheWait_whileAnotherKeyGoesAhead() {
        TokenBucketTest.MutableClock clock = new TokenBucketTest.MutableClock(T0);
        Throttle t = Throttle.of("nonces", 2, Duration.ofSeconds(30), clock);
        assertThat(t.take("a").isOk()).isTrue();
        assertThat(t.take("a").isOk()).isTrue();
        Result<Boolean> third = t.take("a");
        assertThat(third.failure().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(third.failure().retryAfter()).hasValueSatisfying(w -> assertThat(w)
                .isBetween(Duration.ofSeconds(29), Duration.ofSeconds(31)));
        assertThat(t.take("b").isOk()).isTrue();
        clock.now = T0.plusSeconds(30);
        assertThat(t.take("a").isOk()).isTrue();
    }

    @Test
    void aBurstOfZero_neverRefuses() {
        Throttle t = Throttle.of("anything", 0, Duration.ofSeconds(1), new TokenBucketTest.MutableClock(T0));
        for (int i = 0; i < 10_000; i++) {
            assertThat(t.take("a").isOk()).isTrue();
        }
    }

    @Test
    void onlyFailuresCount_andAKeyOverItsBudgetIsRefusedBeforeTrying_untilTheBucketRefills() {
        TokenBucketTest.MutableClock clock = new TokenBucketTest.MutableClock(T0);
        Throttle budget = Throttle.of("failed sign-ins", 3, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 100; i++) {
            assertThat(budget.check("ok caller").isOk()).as("checks alone never use the budget").isTrue();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(budget.check("guesser").isOk()).isTrue();
            budget.failed("guesser");
        }
        Result<Boolean> refused = budget.check("guesser");
        assertThat(refused.failure().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.failure().retryAfter()).isPresent();
        budget.failed("guesser");
        clock.now = T0.plusSeconds(61);
        assertThat(budget.check("guesser").isOk()).isTrue();
        budget.failed("guesser");
        assertThat(budget.check("guesser").isOk()).as("one token refilled, one failure spent it").isFalse();
    }

    @Test
    void aFloodFromManyAddresses_keepsOnlyTheBucketsStillBeingLimited() {
        TokenBucketTest.MutableClock clock = new TokenBucketTest.MutableClock(T0);
        RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1), clock);
        for (int i = 0; i < RateLimiter.SWEEP_AT; i++) {
            limiter.tryAcquire("earlier:" + i);
        }
        clock.now = T0.plusMillis(1400);
        limiter.tryAcquire("flooder");
        for (int i = 0; i < RateLimiter.SWEEP_AT; i++) {
            limiter.tryAcquire("later:" + i);
        }
        assertThat(limiter.keys()).as("the refilled buckets of the earlier addresses were dropped")
                .isLessThanOrEqualTo(RateLimiter.SWEEP_AT + 1);
        assertThat(limiter.tryAcquire("flooder")).as("a key still limited keeps its bucket").isPresent();
        assertThat(limiter.tryAcquire("earlier:1")).as("a dropped key starts again with a full bucket").isEmpty();
    }
}
