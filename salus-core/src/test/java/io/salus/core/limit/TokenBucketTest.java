package io.salus.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aFullBucket_givesItsCapacityAtOnce_thenOneTokenPerRefill() {
        TokenBucket b = TokenBucket.full(3, Duration.ofSeconds(10), T0);
        for (int i = 0; i < 3; i++) {
            b = b.take(T0).orElseThrow();
        }
        assertThat(b.take(T0)).isEmpty();
        assertThat(b.untilNext(T0)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(10).plusNanos(1));
        assertThat(b.take(T0.plusSeconds(9))).isEmpty();
        TokenBucket after = b.take(T0.plusSeconds(10)).orElseThrow();
        assertThat(after.take(T0.plusSeconds(10))).isEmpty();
        assertThat(b.tokens(T0.plus(Duration.ofDays(365)))).as("never above capacity").isEqualTo(3);
    }

    @Test
    void timeGoingBackwards_refillsNothing() {
        TokenBucket b = TokenBucket.full(1, Duration.ofSeconds(1), T0).take(T0).orElseThrow();
        assertThat(b.take(T0.minusSeconds(100))).isEmpty();
    }

    @Property
    void overAnyWindow_noMoreThanCapacityPlusRefillsAreTaken(@ForAll @IntRange(min = 1, max = 20) int capacity,
            @ForAll @LongRange(min = 1, max = 3_600) long refillSeconds,
            @ForAll @LongRange(min = 0, max = 100_000) long windowSeconds) {
        TokenBucket b = TokenBucket.full(capacity, Duration.ofSeconds(refillSeconds), T0);
        long taken = 0;
        long step = Math.max(1, refillSeconds / 3);
        for (long t = 0; t <= windowSeconds; t += step) {
            Optional<TokenBucket> next;
            while ((next = b.take(T0.plusSeconds(t))).isPresent()) {
                b = next.get();
                taken++;
            }
        }
        assertThat(taken).isLessThanOrEqualTo(capacity + windowSeconds / refillSeconds);
    }

    @Test
    void theLimiter_keepsOneBucketPerKey_andSaysHowLongToWait() {
        MutableClock clock = new MutableClock(T0);
        RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), clock);
        assertThat(limiter.tryAcquire("org A")).isEmpty();
        assertThat(limiter.tryAcquire("org A")).isEmpty();
        assertThat(limiter.tryAcquire("org A")).hasValueSatisfying(d -> assertThat(d).isPositive());
        assertThat(limiter.tryAcquire("org B")).as("another organisation has its own bucket").isEmpty();
        clock.now = T0.plusSeconds(61);
        assertThat(limiter.tryAcquire("org A")).isEmpty();
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
