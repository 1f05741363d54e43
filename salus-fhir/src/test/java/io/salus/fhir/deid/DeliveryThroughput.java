package io.salus.fhir.deid;

import io.salus.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A rough measurement of de-identification and packaging over the committed fixtures (not a test; run by hand):
 * {@code ./mvnw -q -pl salus-fhir test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.salus.fhir.deid.DeliveryThroughput -Dexec.args="ROUNDS"}. Each round de-identifies every
 * fixture patient under another deal key (so a round of R gives a package of 10·R distinct patients).
 */
public final class DeliveryThroughput {

    private DeliveryThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<List<byte[]>> inputs = Fixtures.syntheaBundles().stream().map(StoredFixtures::json).toList();
        long inBytes = inputs.stream().flatMap(List::stream).mapToLong(b -> b.length).sum() * rounds;
        for (int warm = 0; warm < 3; warm++) {
            for (List<byte[]> in : inputs) {
                StoredFixtures.DEIDENTIFIER.deidentify(StoredFixtures.deal("warm", warm), in);
            }
        }
        List<DeidentifiedPatient> patients = new ArrayList<>();
        long resources = 0;
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (List<byte[]> in : inputs) {
                DeidentifiedPatient p = StoredFixtures.DEIDENTIFIER.deidentify(StoredFixtures.deal("d" + r, r), in)
                        .orElseThrow();
                patients.add(p);
                resources += in.size();
            }
        }
        double deid = (System.nanoTime() - start) / 1e9;
        Path out = Files.createTempDirectory("throughput-").resolve("package.zip");
        start = System.nanoTime();
        BulkPackage pkg = BulkPackageWriter.write("throughput", Instant.EPOCH, patients, out);
        double pack = (System.nanoTime() - start) / 1e9;
        long ndjson = patients.stream().flatMap(p -> p.resources().stream()).mapToLong(r -> r.json().length + 1)
                .sum();
        System.out.printf("de-identified %d patients, %d resources, %.1f MB in %.2f s: %.0f resources/s, %.1f MB/s%n",
                patients.size(), resources, inBytes / 1e6, deid, resources / deid, inBytes / 1e6 / deid);
        System.out.printf("packaged %.1f MB of NDJSON into a %.1f MB zip in %.2f s (%.1f MB/s); keccak %s%n",
                ndjson / 1e6, pkg.bytes() / 1e6, pack, ndjson / 1e6 / pack, pkg.keccak256());
        Files.delete(out);
    }
}
