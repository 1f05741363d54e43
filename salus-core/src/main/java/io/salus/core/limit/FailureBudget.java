package io.salus.core.limit;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A rate limit on failures only (failed sign-ins, denied access requests): {@link #check} refuses a key whose
 * {@link TokenBucket} is empty without taking anything, {@link #failed} takes a token when the attempt failed. So a
 * caller who succeeds is never slowed down, and one who keeps failing is refused before the attempt costs anything (a
 * token lookup, an audited decision). A burst of 0 is no limit. In memory, like {@link RateLimiter}. Thread-safe.
 */
public final class FailureBudget {
    private final String what;
    private final long burst;
    private final Duration refill;
    private final Clock clock;
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    /** {@code burst} failures at once per key, one more every {@code refill}; a burst of 0 never refuses. */
    public FailureBudget(String what, long burst, Duration refill, Clock clock) {
        if (burst < 0) {
            throw new IllegalArgumentException("a burst is 0 (no limit) or more");
        }
        this.what = what;
        this.burst = burst;
        this.refill = refill;
        this.clock = clock;
        if (burst > 0) {
            TokenBucket.full(burst, refill, clock.instant());
        }
    }

    /** Whether the key may try now (nothing is taken); {@code RATE_LIMITED} with the wait otherwise. */
    public Result<Boolean> check(String key) {
        if (burst == 0) {
            return Result.ok(true);
        }
        TokenBucket b = buckets.get(key);
        if (b == null) {
            return Result.ok(true);
        }
        Duration wait = b.untilNext(clock.instant());
        if (wait.isZero()) {
            return Result.ok(true);
        }
        return Result.fail(Failure.retryAfter(ErrorCode.RATE_LIMITED, "too many " + what + "; try again in "
                + Math.max(1, wait.toSeconds()) + " s", wait));
    }

    /** Counts a failure of the key (a no-op when its bucket is already empty). */
    public void failed(String key) {
        if (burst == 0) {
            return;
        }
        buckets.compute(key, (k, b) -> {
            TokenBucket bucket = b == null ? TokenBucket.full(burst, refill, clock.instant()) : b;
            return bucket.take(clock.instant()).orElse(bucket.refilled(clock.instant()));
        });
    }
}
