package io.salus.core.port;

import java.util.function.Supplier;

/**
 * Named locks shared by every instance of one node (several processes on one database, docs/architecture.md): a worker
 * pass that must run on one instance at a time, and the assignment of an account's next transaction nonce. A lock is
 * released when its holder returns, throws or dies (its connection closes). Thread-safe.
 */
public interface InstanceLocks {
    /**
     * Runs {@code work} if no instance (this one included) holds {@code name} now, holding it meanwhile; false, and
     * nothing run, when another holds it.
     */
    boolean ifFree(String name, Runnable work);

    /** Runs {@code work} holding {@code name}, waiting until every other holder has released it. */
    <T> T exclusively(String name, Supplier<T> work);

    /** Locks of a node that runs as one instance: exclusion among this process's threads only. */
    static InstanceLocks local() {
        return new LocalInstanceLocks();
    }
}
