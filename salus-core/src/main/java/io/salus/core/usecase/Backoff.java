package io.salus.core.usecase;

import java.time.Duration;

/** Exponential backoff for outbox retries, capped. */
public final class Backoff {
    private Backoff() {
    }

    public static Duration delay(int attempts, Duration min, Duration max) {
        long factor = 1L << Math.min(attempts, 20);
        Duration d = min.multipliedBy(factor);
        return d.compareTo(max) > 0 ? max : d;
    }
}
