package io.salus.core.limit;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A named rate limit over a {@link RateLimiter}: {@link #take} lets a key (an account, a client address) go ahead or
 * refuses it with {@code RATE_LIMITED} and how long to wait. A burst of 0 is no limit. Thread-safe.
 */
public final class Throttle {
    private final String what;
    private final RateLimiter limiter;

    private Throttle(String what, RateLimiter limiter) {
        this.what = what;
        this.limiter = limiter;
    }

    /** {@code burst} requests at once per key, one more every {@code refill}; a burst of 0 never refuses. */
    public static Throttle of(String what, long burst, Duration refill, Clock clock) {
        return new Throttle(what, burst == 0 ? RateLimiter.unlimited(clock) : new RateLimiter(burst, refill, clock));
    }

    /** Takes a token from the key's bucket, or says when one is free again. */
    public Result<Boolean> take(String key) {
        Optional<Duration> wait = limiter.tryAcquire(key);
        if (wait.isEmpty()) {
            return Result.ok(true);
        }
        return Result.fail(Failure.retryAfter(ErrorCode.RATE_LIMITED, "too many " + what + "; try again in "
                + Math.max(1, wait.get().toSeconds()) + " s", wait.get()));
    }
}
