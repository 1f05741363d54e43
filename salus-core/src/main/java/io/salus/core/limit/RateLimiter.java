package io.salus.core.limit;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One {@link TokenBucket} per key (an organisation, an account, an address): {@link #tryAcquire} takes a token from the
 * key's bucket, or says how long to wait. In memory: a restart fills every bucket again, which a rate limit (unlike a
 * budget) may. Thread-safe: each key's bucket is replaced atomically.
 */
public final class RateLimiter {
    private final long capacity;
    private final Duration refill;
    private final Clock clock;
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    /** {@code capacity} requests at once per key, one more every {@code refill}. */
    public RateLimiter(long capacity, Duration refill, Clock clock) {
        TokenBucket.full(capacity, refill, clock.instant());
        this.capacity = capacity;
        this.refill = refill;
        this.clock = clock;
    }

    /** Empty if the key may go ahead now (a token is taken), else how long until it may. */
    public Optional<Duration> tryAcquire(String key) {
        Duration[] wait = new Duration[1];
        buckets.compute(key, (k, b) -> {
            TokenBucket bucket = b == null ? TokenBucket.full(capacity, refill, clock.instant()) : b;
            Optional<TokenBucket> taken = bucket.take(clock.instant());
            if (taken.isPresent()) {
                return taken.get();
            }
            wait[0] = bucket.untilNext(clock.instant());
            return bucket;
        });
        return Optional.ofNullable(wait[0]);
    }

    /** A limiter that never refuses (for a setting of 0). */
    public static RateLimiter unlimited(Clock clock) {
        return new RateLimiter(Long.MAX_VALUE / 1_000_000_000L, Duration.ofNanos(1), clock);
    }
}
