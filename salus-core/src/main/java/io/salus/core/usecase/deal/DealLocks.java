package io.salus.core.usecase.deal;

import io.salus.core.merkle.Hash32;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Serialises the steps of one deal on this node (match, delivery, erasure, refund), so that two steps of the same deal
 * never interleave; steps of different deals run in parallel. Thread-safe.
 */
public final class DealLocks {
    private final ConcurrentMap<Hash32, Object> locks = new ConcurrentHashMap<>();

    public <T> T with(Hash32 dealId, Supplier<T> step) {
        synchronized (locks.computeIfAbsent(dealId, k -> new Object())) {
            return step.get();
        }
    }
}
