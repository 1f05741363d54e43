package io.salus.bench;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Runs {@code n} tasks on {@code threads} threads and times the whole. Stateless and thread-safe. */
public final class Parallel {
    private Parallel() {
    }

    /** Calls {@code task} with 0..n-1 (each exactly once) from {@code threads} threads; returns elapsed seconds. */
    public static double run(int threads, int n, IntConsumer task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> workers = java.util.stream.IntStream.range(0, threads)
                    .<Future<?>>mapToObj(t -> pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            task.accept(i);
                        }
                    })).toList();
            for (Future<?> w : workers) {
                w.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a benchmark task failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
