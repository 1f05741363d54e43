package io.salus.node.wiring;

import io.salus.core.limit.Throttle;
import io.salus.core.port.SessionStore;
import io.salus.node.config.NodeSettings;
import io.salus.store.PostgresRateLimiter;
import io.salus.store.PostgresSessionStore;
import java.time.Clock;
import java.util.Optional;

/**
 * The API's state that must be the same on every instance of a node (decision 0031): on a database other instances
 * may share (an external one), rate-limit buckets and portal sessions live in PostgreSQL; on the embedded one, which
 * only this process opens, in memory as before.
 */
final class InstanceWiring {
    private InstanceWiring() {
    }

    static Throttle throttle(Storage storage, String what, NodeSettings.LimitValue v, Clock clock) {
        if (!storage.shared()) {
            return Throttle.of(what, v.burst(), v.refill(), clock);
        }
        return Throttle.of(what, v.burst() == 0
                ? Optional.empty()
                : Optional.of(new PostgresRateLimiter(storage.jdbi(), what, v.burst(), v.refill(), clock)));
    }

    static SessionStore sessions(Storage storage) {
        return storage.shared() ? new PostgresSessionStore(storage.jdbi()) : SessionStore.inMemory();
    }
}
