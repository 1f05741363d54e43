package io.salus.bench.population;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Streams a population as NDJSON (one Bundle per line), generated in parallel in chunks and written in patient order,
 * so the output is the same whatever the thread count. Memory is bounded by the chunks in flight (two per thread).
 * Not thread-safe (one call at a time).
 */
public final class Population {
    private static final int CHUNK = 256;
    private final PatientGenerator generator;
    private final int threads;

    public Population(PatientGenerator generator, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.generator = generator;
        this.threads = threads;
    }

    /** What a run wrote. */
    public record Written(long patients, long resources, long bytes) {
    }

    private record Chunk(byte[] bytes, long patients, long resources) {
    }

    /** Writes patients {@code first .. first+count-1}; reports progress (patients written so far) per chunk. */
    public Written writeNdjson(long first, long count, OutputStream out, LongConsumer progress) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "salus-population");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
            long next = first;
            long end = first + count;
            long patients = 0;
            long resources = 0;
            long bytes = 0;
            while (next < end || !inFlight.isEmpty()) {
                while (next < end && inFlight.size() < 2 * threads) {
                    long from = next;
                    long to = Math.min(end, next + CHUNK);
                    inFlight.add(pool.submit(() -> chunk(from, to)));
                    next = to;
                }
                Chunk c = inFlight.poll().get();
                out.write(c.bytes());
                patients += c.patients();
                resources += c.resources();
                bytes += c.bytes().length;
                progress.accept(patients);
            }
            out.flush();
            return new Written(patients, resources, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("generation failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Chunk chunk(long from, long to) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream((int) (to - from) * 16 * 1024);
        long resources = 0;
        for (long i = from; i < to; i++) {
            resources += generator.write(i, buf);
            buf.write('\n');
        }
        return new Chunk(buf.toByteArray(), to - from, resources);
    }
}
