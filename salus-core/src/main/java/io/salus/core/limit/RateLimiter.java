package io.salus.core.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@link TokenBucket} per key (an organisation, an account, an address): {@link #tryAcquire} takes a token from the
 * key's bucket, or says how long to wait; {@link #waitFor} only looks. In memory: a restart fills every bucket again,
 * which a rate limit (unlike a budget) may. A full bucket holds no state, so once there are many keys (a flood from many
 * addresses) the full ones are dropped and memory stays bounded by the keys that are actually being limited.
 * Thread-safe: each key's bucket is replaced atomically.
 */
public final class RateLimiter implements Limiter {
    static final int SWEEP_AT = 65_536;
    private final long capacity;
    private final Duration refill;
    private final Clock clock;
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger sweepAt = new AtomicInteger(SWEEP_AT);

    /** {@code capacity} requests at once per key, one more every {@code refill}. */
    public RateLimiter(long capacity, Duration refill, Clock clock) {
        TokenBucket.full(capacity, refill, clock.instant());
        this.capacity = capacity;
        this.refill = refill;
        this.clock = clock;
    }

    @Override
    public Optional<Duration> tryAcquire(String key) {
        Instant now = clock.instant();
        sweep(now);
        Duration[] wait = new Duration[1];
        buckets.compute(key, (k, b) -> {
            TokenBucket bucket = b == null ? TokenBucket.full(capacity, refill, now) : b;
            Optional<TokenBucket> taken = bucket.take(now);
            if (taken.isPresent()) {
                return taken.get();
            }
            wait[0] = bucket.untilNext(now);
            return bucket;
        });
        return Optional.ofNullable(wait[0]);
    }

    @Override
    public Optional<Duration> waitFor(String key) {
        TokenBucket b = buckets.get(key);
        Duration wait = b == null ? Duration.ZERO : b.untilNext(clock.instant());
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** How many keys hold a bucket now. */
    int keys() {
        return buckets.size();
    }

    private void sweep(Instant now) {
        int at = sweepAt.get();
        if (buckets.size() < at || !sweepAt.compareAndSet(at, Integer.MAX_VALUE)) {
            return;
        }
        buckets.entrySet().removeIf(e -> e.getValue().tokens(now) >= capacity);
        sweepAt.set((int) Math.min(Integer.MAX_VALUE / 2, Math.max(SWEEP_AT, 2L * buckets.size())));
    }
}
