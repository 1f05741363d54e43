package io.salus.core.limit;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A named rate limit over a {@link Limiter}, refusing with {@code RATE_LIMITED} and how long to wait. Either every
 * request counts ({@link #take}), or only failures do (failed sign-ins, denied access requests): {@link #check} refuses
 * a key whose bucket is empty without taking anything, {@link #failed} takes a token when the attempt failed, so a
 * caller who succeeds is never slowed down and one who keeps failing is refused before the attempt costs anything (a
 * token lookup, an audited decision). A burst of 0 is no limit. Thread-safe.
 */
public final class Throttle {
    private final String what;
    private final Optional<Limiter> limiter;

    private Throttle(String what, Optional<Limiter> limiter) {
        this.what = what;
        this.limiter = limiter;
    }

    /** {@code burst} requests (or failures) at once per key, one more every {@code refill}; 0 never refuses. */
    public static Throttle of(String what, long burst, Duration refill, Clock clock) {
        if (burst < 0) {
            throw new IllegalArgumentException("a burst is 0 (no limit) or more");
        }
        return new Throttle(what, burst == 0 ? Optional.empty() : Optional.of(new RateLimiter(burst, refill, clock)));
    }

    /** A limit over buckets kept elsewhere (a database the node's instances share); empty is no limit. */
    public static Throttle of(String what, Optional<Limiter> limiter) {
        return new Throttle(what, limiter);
    }

    /** Takes a token from the key's bucket, or says when one is free again. */
    public Result<Boolean> take(String key) {
        return refusal(limiter.flatMap(l -> l.tryAcquire(key)));
    }

    /** Whether the key may try now (nothing is taken); {@code RATE_LIMITED} with the wait otherwise. */
    public Result<Boolean> check(String key) {
        return refusal(limiter.flatMap(l -> l.waitFor(key)));
    }

    /** Counts a failure of the key (nothing more once its bucket is empty). */
    public void failed(String key) {
        limiter.ifPresent(l -> l.tryAcquire(key));
    }

    private Result<Boolean> refusal(Optional<Duration> wait) {
        if (wait.isEmpty()) {
            return Result.ok(true);
        }
        return Result.fail(Failure.retryAfter(ErrorCode.RATE_LIMITED, "too many " + what + "; try again in "
                + seconds(wait.get()) + " s", wait.get()));
    }

    /** Whole seconds, rounded up, at least 1 (what {@code Retry-After} says too). */
    public static long seconds(Duration wait) {
        return Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0));
    }
}
