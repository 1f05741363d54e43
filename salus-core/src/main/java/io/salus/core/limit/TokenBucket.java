package io.salus.core.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket as a value: it holds up to {@code capacity} tokens, gains one every {@code refill} (continuously,
 * counted in nanoseconds), and a request takes one. {@link #take} returns the bucket after the request, or empty when
 * no whole token is left. Pure: time is passed in; no clock, no I/O, no mutation. Immutable and thread-safe.
 */
public record TokenBucket(long capacity, Duration refill, long nanoTokens, Instant at) {
    private static final long NANOS = 1_000_000_000L;

    public TokenBucket {
        if (capacity < 1) {
            throw new IllegalArgumentException("a bucket holds at least one token");
        }
        Objects.requireNonNull(refill, "refill");
        if (refill.isZero() || refill.isNegative()) {
            throw new IllegalArgumentException("a bucket refills at a positive interval");
        }
        Objects.requireNonNull(at, "at");
        if (nanoTokens < 0 || nanoTokens > Math.multiplyExact(capacity, NANOS)) {
            throw new IllegalArgumentException("a bucket holds 0 to capacity tokens");
        }
    }

    /** A full bucket at {@code now}. */
    public static TokenBucket full(long capacity, Duration refill, Instant now) {
        return new TokenBucket(capacity, refill, Math.multiplyExact(capacity, NANOS), now);
    }

    /** The bucket refilled up to {@code now} (never backwards: an earlier {@code now} refills nothing). */
    public TokenBucket refilled(Instant now) {
        if (!now.isAfter(at)) {
            return this;
        }
        long elapsed = saturatingNanos(Duration.between(at, now));
        long gained = mulDiv(elapsed, NANOS, refill.toNanos());
        long max = capacity * NANOS;
        long tokens = gained >= max - nanoTokens ? max : nanoTokens + gained;
        return new TokenBucket(capacity, refill, tokens, now);
    }

    /** The bucket after taking one token at {@code now}, or empty if less than one token is left. */
    public java.util.Optional<TokenBucket> take(Instant now) {
        TokenBucket b = refilled(now);
        if (b.nanoTokens < NANOS) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new TokenBucket(capacity, refill, b.nanoTokens - NANOS, b.at));
    }

    /** How long until one whole token is available (zero if one is). */
    public Duration untilNext(Instant now) {
        TokenBucket b = refilled(now);
        if (b.nanoTokens >= NANOS) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(mulDiv(NANOS - b.nanoTokens, refill.toNanos(), NANOS) + 1);
    }

    /** Whole tokens left at {@code now}. */
    public long tokens(Instant now) {
        return refilled(now).nanoTokens / NANOS;
    }

    private static long saturatingNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long mulDiv(long a, long b, long c) {
        long high = Math.multiplyHigh(a, b);
        if (high == 0 && a * b >= 0) {
            return a * b / c;
        }
        return java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b))
                .divide(java.math.BigInteger.valueOf(c)).min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }
}
