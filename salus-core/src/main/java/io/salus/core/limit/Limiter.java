package io.salus.core.limit;

import java.time.Duration;
import java.util.Optional;

/** Token buckets per key, wherever they are kept (memory, or a database several instances share). Thread-safe. */
public interface Limiter {
    /** Empty if the key may go ahead now (a token is taken), else how long until it may. */
    Optional<Duration> tryAcquire(String key);

    /** Empty if the key could go ahead now (nothing is taken), else how long until it may. */
    Optional<Duration> waitFor(String key);
}
