package io.salus.fhir;

import io.salus.core.port.BundleParser.ParsedResource;
import io.salus.testkit.Fixtures;
import java.util.List;

/**
 * A rough measurement of feature extraction over the committed fixtures' resources (not a test; run by hand):
 * {@code ./mvnw -q -pl salus-fhir test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.salus.fhir.FeatureThroughput -Dexec.args="ROUNDS"}. Prints resources/s and features/s on one
 * thread.
 */
public final class FeatureThroughput {

    private FeatureThroughput() {
    }

    public static void main(String[] args) {
        HapiBundleParser parser = new HapiBundleParser();
        FeatureExtractor extractor = new FeatureExtractor();
        List<ParsedResource> resources = Fixtures.syntheaBundles().stream()
                .flatMap(n -> parser.parse(Fixtures.bytes(n)).orElseThrow().resources().stream()).toList();
        long bytes = resources.stream().mapToLong(r -> r.json().length).sum();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        long features = 0;
        for (int warm = 0; warm < 10; warm++) {
            features += run(extractor, resources);
        }
        features = 0;
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            features += run(extractor, resources);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long n = (long) rounds * resources.size();
        System.out.printf("%d resources (%d features) in %.2f s: %.0f resources/s, %.0f features/s, %.1f MB/s,"
                + " %.2f us/resource (1 thread)%n", n, features, seconds, n / seconds, features / seconds,
                rounds * bytes / seconds / 1e6, seconds * 1e6 / n);
    }

    private static long run(FeatureExtractor extractor, List<ParsedResource> resources) {
        long features = 0;
        for (ParsedResource r : resources) {
            features += extractor.extract(r.resourceType(), r.json()).size();
        }
        return features;
    }
}
