package io.salus.store;

import io.salus.core.limit.Limiter;
import io.salus.core.limit.TokenBucket;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A rate limit's token buckets in PostgreSQL ({@code rate_bucket}, V125), one row per key under the limit's name, so
 * that every instance of a node on one database takes from the same bucket (decision 0031). A take locks the key's
 * row for its transaction; the bucket arithmetic is {@link TokenBucket}'s. A bucket idle long enough to be full again
 * holds no state and is deleted now and then. Thread-safe.
 */
public final class PostgresRateLimiter implements Limiter {
    private static final long SWEEP_EVERY = 1_000;
    private final Transactions tx;
    private final String name;
    private final long capacity;
    private final Duration refill;
    private final Clock clock;
    private final AtomicLong takes = new AtomicLong();

    /** {@code capacity} requests at once per key, one more every {@code refill}, under {@code name}. */
    public PostgresRateLimiter(Jdbi jdbi, String name, long capacity, Duration refill, Clock clock) {
        TokenBucket.full(capacity, refill, clock.instant());
        this.tx = new Transactions(jdbi);
        this.name = name;
        this.capacity = capacity;
        this.refill = refill;
        this.clock = clock;
    }

    @Override
    public Optional<Duration> tryAcquire(String key) {
        Instant now = Sql.micros(clock.instant());
        return tx.inTransaction("take from a rate limit", h -> {
            if (takes.incrementAndGet() % SWEEP_EVERY == 0) {
                sweep(h, now);
            }
            h.createUpdate("""
                    INSERT INTO rate_bucket (name, key, nano_tokens, at) VALUES (:name, :key, :full, :now)
                    ON CONFLICT (name, key) DO NOTHING""")
                    .bind("name", name).bind("key", key)
                    .bind("full", TokenBucket.full(capacity, refill, now).nanoTokens())
                    .bind("now", Sql.ts(now)).execute();
            TokenBucket bucket = h.createQuery("""
                    SELECT nano_tokens, at FROM rate_bucket WHERE name = :name AND key = :key FOR UPDATE""")
                    .bind("name", name).bind("key", key)
                    .map((rs, ctx) -> bucket(rs.getLong("nano_tokens"), Sql.instant(rs, "at"))).one();
            Optional<TokenBucket> taken = bucket.take(now);
            if (taken.isEmpty()) {
                return Optional.of(bucket.untilNext(now));
            }
            h.createUpdate("UPDATE rate_bucket SET nano_tokens = :tokens, at = :at WHERE name = :name AND key = :key")
                    .bind("tokens", taken.get().nanoTokens()).bind("at", Sql.ts(taken.get().at()))
                    .bind("name", name).bind("key", key).execute();
            return Optional.<Duration>empty();
        });
    }

    @Override
    public Optional<Duration> waitFor(String key) {
        Instant now = clock.instant();
        Optional<TokenBucket> b = tx.inTransaction("read a rate limit", h -> h.createQuery("""
                SELECT nano_tokens, at FROM rate_bucket WHERE name = :name AND key = :key""")
                .bind("name", name).bind("key", key)
                .map((rs, ctx) -> bucket(rs.getLong("nano_tokens"), Sql.instant(rs, "at"))).findOne());
        Duration wait = b.map(x -> x.untilNext(now)).orElse(Duration.ZERO);
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    private TokenBucket bucket(long nanoTokens, Instant at) {
        return new TokenBucket(capacity, refill, Math.min(nanoTokens, capacity * 1_000_000_000L), at);
    }

    /** Deletes this limit's buckets idle long enough to be full again. */
    private void sweep(Handle h, Instant now) {
        Instant full = now.minus(refill.multipliedBy(capacity));
        h.createUpdate("DELETE FROM rate_bucket WHERE name = :name AND at < :full").bind("name", name)
                .bind("full", Sql.ts(full)).execute();
    }
}
