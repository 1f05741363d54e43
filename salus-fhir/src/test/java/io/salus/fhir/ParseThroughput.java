package io.salus.fhir;

import io.salus.testkit.Fixtures;
import java.util.List;

/**
 * A rough throughput measurement over the committed fixtures (not a test; run by hand):
 * {@code ./mvnw -q -pl salus-fhir test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.salus.fhir.ParseThroughput -Dexec.args="ROUNDS THREADS"}. Prints resources/s and MB/s.
 */
public final class ParseThroughput {

    private ParseThroughput() {
    }

    public static void main(String[] args) {
        HapiBundleParser parser = new HapiBundleParser();
        List<byte[]> bundles = Fixtures.syntheaBundles().stream().map(Fixtures::bytes).toList();
        long bytes = bundles.stream().mapToLong(b -> b.length).sum();
        for (int warm = 0; warm < 5; warm++) {
            bundles.forEach(b -> parser.parse(b).orElseThrow());
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        java.util.concurrent.atomic.AtomicLong resources = new java.util.concurrent.atomic.AtomicLong();
        long start = System.nanoTime();
        java.util.stream.IntStream.range(0, threads).mapToObj(t -> Thread.ofPlatform().start(() -> {
            for (int r = 0; r < rounds; r++) {
                for (byte[] b : bundles) {
                    resources.addAndGet(parser.parse(b).orElseThrow().resources().size());
                }
            }
        })).toList().forEach(t -> {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d resources in %.2f s: %.0f resources/s, %.1f MB/s (%d threads)%n", resources.get(),
                seconds, resources.get() / seconds, threads * rounds * bytes / seconds / 1e6, threads);
    }
}
