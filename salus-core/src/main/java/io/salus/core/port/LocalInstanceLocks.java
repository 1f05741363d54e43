package io.salus.core.port;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** {@link InstanceLocks} of a single-instance node: one {@link ReentrantLock} per name, in memory. Thread-safe. */
final class LocalInstanceLocks implements InstanceLocks {
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public boolean ifFree(String name, Runnable work) {
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
        if (!lock.tryLock()) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> T exclusively(String name, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
