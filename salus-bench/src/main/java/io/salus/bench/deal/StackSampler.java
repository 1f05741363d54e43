package io.salus.bench.deal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A poor man's profiler for "where the time goes": every {@code periodMillis} it takes every thread's stack and, for
 * each thread busy in a marked step (a frame of {@code scope} on its stack), counts the innermost marked frame's
 * label. Shares of samples are approximate (safepoint bias, and waits on the chain count as that step's time).
 * Thread-safe.
 */
public final class StackSampler implements AutoCloseable {
    /** A label and the class/method prefix ({@code Class.method}) that marks it. */
    public record Marker(String label, String frame) {
    }

    private final List<Marker> markers;
    private final String scope;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public StackSampler(String scope, List<Marker> markers, long periodMillis) {
        this.scope = scope;
        this.markers = List.copyOf(markers);
        this.thread = new Thread(() -> loop(periodMillis), "bench-stack-sampler");
        this.thread.setDaemon(true);
    }

    public StackSampler start() {
        thread.start();
        return this;
    }

    private void loop(long periodMillis) {
        while (running) {
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                if (e.getKey() != thread) {
                    classify(e.getValue());
                }
            }
            samples.incrementAndGet();
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void classify(StackTraceElement[] stack) {
        boolean inScope = false;
        for (StackTraceElement f : stack) {
            if (f.getClassName().startsWith(scope)) {
                inScope = true;
                break;
            }
        }
        if (!inScope) {
            return;
        }
        for (StackTraceElement f : stack) {
            String name = f.getClassName() + "." + f.getMethodName();
            for (Marker m : markers) {
                if (name.startsWith(m.frame()) || name.contains("." + m.frame())) {
                    counts.computeIfAbsent(m.label(), k -> new AtomicLong()).incrementAndGet();
                    return;
                }
            }
        }
        counts.computeIfAbsent("other", k -> new AtomicLong()).incrementAndGet();
    }

    /** Thread-samples per label, largest first, and the number of sampling rounds. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
                .forEach(e -> out.put(e.getKey(), e.getValue().get()));
        return out;
    }

    public long rounds() {
        return samples.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
