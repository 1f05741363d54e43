package io.salus.node.wiring;

import io.salus.core.port.InstanceLocks;
import io.salus.core.usecase.AnchorWorker;
import io.salus.core.usecase.RegistrationWorker;
import io.salus.core.usecase.consent.AccessLogWorker;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the outbox workers (and monitoring's clock) on background threads, at a fixed delay; a failing pass is logged,
 * not fatal. Each pass runs under its {@link InstanceLocks} lock ({@code worker:<name>}): when several instances of
 * the node share one database, a worker's pass runs on one of them at a time and the others skip it (decision 0031).
 */
final class Workers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "salus-outbox");
        t.setDaemon(true);
        return t;
    });

    private final InstanceLocks locks;

    Workers(InstanceLocks locks, AnchorWorker anchors, RegistrationWorker registrations, AccessLogWorker accessLogs,
            Duration interval, Duration accessLogInterval) {
        this.locks = locks;
        long ms = interval.toMillis();
        long accessLogMs = accessLogInterval.toMillis();
        executor.scheduleWithFixedDelay(() -> guarded("access-log", accessLogs::runOnce), accessLogMs, accessLogMs,
                TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> guarded("anchor", anchors::runOnce), ms, ms, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> guarded("registration", registrations::runOnce), ms, ms,
                TimeUnit.MILLISECONDS);
    }

    /** Runs one more pass (monitoring's clock) at a fixed delay on the workers' threads. */
    void schedule(String name, Runnable pass, Duration interval) {
        long ms = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> guarded(name, pass), ms, ms, TimeUnit.MILLISECONDS);
    }

    /** The name of the lock a worker's passes run under. */
    static String lock(String worker) {
        return "worker:" + worker;
    }

    private void guarded(String name, Runnable pass) {
        try {
            locks.ifFree(lock(name), pass);
        } catch (RuntimeException e) {
            LOG.warn("{} worker pass failed; it will run again: {}", name, e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
