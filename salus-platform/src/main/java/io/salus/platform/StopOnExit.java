package io.salus.platform;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What must be stopped when the JVM exits (Ctrl-C, SIGTERM, the end of {@code main}), stopped in one place and in
 * order: the last registered first, one after the other on a single shutdown thread. The JVM runs its own shutdown
 * hooks all at once and in no order, so an engine with a hook of its own would stop while the code that uses it is
 * still running; here a node, registered after the chain and the store it started, stops its HTTP server and workers
 * before them, and the chain (final snapshot) before the store. Whoever stops something earlier cancels its
 * registration. Thread-safe.
 */
public final class StopOnExit {
    private static final Logger LOG = LoggerFactory.getLogger(StopOnExit.class);
    private static final StopOnExit JVM = new StopOnExit();

    private final Deque<Entry> stack = new ArrayDeque<>();
    private boolean hooked;
    private boolean stopping;

    StopOnExit() {
    }

    /** A registration to cancel once the thing is stopped by its owner. */
    public interface Registration {
        void cancel();
    }

    /**
     * Runs {@code stop} when the JVM exits, before everything registered earlier and after everything registered
     * later.
     *
     * @throws IllegalStateException when the JVM is already exiting
     */
    public static Registration register(String name, Runnable stop) {
        return JVM.add(name, stop, true);
    }

    Registration add(String name, Runnable stop, boolean atJvmExit) {
        Entry entry = new Entry(name, stop);
        synchronized (stack) {
            if (stopping) {
                throw new IllegalStateException("cannot register " + name + ": stopping already");
            }
            if (atJvmExit && !hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "salus-stop-on-exit"));
                hooked = true;
            }
            stack.push(entry);
        }
        return entry;
    }

    /** Stops everything registered and not cancelled, last registered first; a failing stop does not stop the rest. */
    void stopAll() {
        while (true) {
            Entry next;
            synchronized (stack) {
                stopping = true;
                next = stack.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.stop.run();
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed: {}", next.name, e.toString());
            }
        }
    }

    private final class Entry implements Registration {
        private final String name;
        private final Runnable stop;

        Entry(String name, Runnable stop) {
            this.name = name;
            this.stop = stop;
        }

        @Override
        public void cancel() {
            synchronized (stack) {
                stack.remove(this);
            }
        }
    }
}
