package io.salus.bench.population;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.Result;
import io.salus.core.port.BundleParser.ParsedBundle;
import io.salus.fhir.HapiBundleParser;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopulationDeterminismTest {
    private static final PopulationModel MODEL = ModelLearner.fromFixtures();

    @Test
    void sameSeed_givesByteIdenticalNdjson_whateverTheThreadCount() throws NoSuchAlgorithmException {
        byte[] one = ndjson(7, 1, 600);
        byte[] two = ndjson(7, 2, 600);
        byte[] again = ndjson(7, 2, 600);
        assertThat(sha(two)).isEqualTo(sha(one)).isEqualTo(sha(again));
    }

    @Test
    void modelMaps_iterateInKeyOrder_soGenerationDoesNotDependOnTheJvmsHashSalt() {
        assertThat(List.copyOf(MODEL.observations().keySet())).isSorted();
        assertThat(List.copyOf(MODEL.medications().keySet())).isSorted();
        for (PopulationModel.Template t : MODEL.templates()) {
            assertThat(List.copyOf(t.observationRates().keySet())).isSorted();
        }
    }

    @Test
    void anotherSeed_givesAnotherPopulation() throws NoSuchAlgorithmException {
        assertThat(sha(ndjson(8, 2, 50))).isNotEqualTo(sha(ndjson(7, 2, 50)));
    }

    @Test
    void patientN_isTheSameAloneOrInsideAPopulation() {
        PatientGenerator gen = new PatientGenerator(MODEL, 7, 3);
        String line = new String(ndjson(7, 2, 300), java.nio.charset.StandardCharsets.UTF_8).split("\n")[299];
        assertThat(new String(gen.bundle(299), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(line);
    }

    @Test
    void generatedBundles_areAcceptedByTheNodesStrictParser() {
        HapiBundleParser parser = new HapiBundleParser();
        PatientGenerator gen = new PatientGenerator(MODEL, 11, 3);
        for (long i = 0; i < 40; i++) {
            Result<ParsedBundle> parsed = parser.parse(gen.bundle(i));
            assertThat(parsed.isOk()).as("patient %d: %s", i, parsed.isOk() ? "" : parsed.failure()).isTrue();
            assertThat(parsed.orElseThrow().skipped()).isZero();
            assertThat(parsed.orElseThrow().patientIdentifiers()).containsExactly("urn:salus:bench:patient|" + i);
        }
    }

    private static byte[] ndjson(long seed, int threads, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Population.Written w = new Population(new PatientGenerator(MODEL, seed, 3), threads).writeNdjson(0, n, out,
                p -> {
                });
        assertThat(w.patients()).isEqualTo(n);
        assertThat(w.bytes()).isEqualTo(out.size());
        return out.toByteArray();
    }

    private static String sha(byte[] b) throws NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
