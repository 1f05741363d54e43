package io.salus.synthea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateFhirTest {

    /**
     * Each run in its own JVM, as the node runs it: Synthea keeps process-global state, so only a fresh process
     * reproduces a run.
     */
    @Test
    void sameSeedAndReferenceDate_giveIdenticalBundlesInSeparateProcesses(@TempDir Path dir) throws Exception {
        List<Path> first = runInOwnProcess(dir.resolve("a"));
        List<Path> second = runInOwnProcess(dir.resolve("b"));
        assertThat(first).as("living patients plus any who died").hasSizeGreaterThanOrEqualTo(2);
        assertThat(second).extracting(Path::getFileName).containsExactlyElementsOf(
                first.stream().map(Path::getFileName).toList());
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(second.get(i))).isEqualTo(Files.readAllBytes(first.get(i)));
            assertThat(Files.readString(first.get(i))).contains("\"type\": \"transaction\"");
        }
    }

    @Test
    void options_haveReproducibleDefaults() {
        GeneratorArgs a = GeneratorArgs.parse(List.of("--out", "x"));
        assertThat(a.population()).isEqualTo(10);
        assertThat(a.seed()).isEqualTo(GeneratorArgs.DEFAULT_SEED);
        assertThat(a.clinicianSeed()).isEqualTo(GeneratorArgs.DEFAULT_SEED);
        assertThat(a.referenceDate()).isEqualTo(GeneratorArgs.DEFAULT_REFERENCE_DATE);
        assertThat(a.yearsOfHistory()).isEqualTo(5);
    }

    @Test
    void unknownOrIncompleteOptions_areRejected() {
        assertThatThrownBy(() -> GeneratorArgs.parse(List.of("--colour", "red")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratorArgs.parse(List.of("--seed"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratorArgs.parse(List.of("--population", "0")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Path> runInOwnProcess(Path out) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                GenerateFhir.class.getName(), "--population", "2", "--seed", "7", "--reference-date", "2025-01-01",
                "--years-of-history", "1", "--out", out.toString()).redirectErrorStream(true)
                .redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("generator finished").isTrue();
        assertThat(p.exitValue()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            return files.sorted().toList();
        }
    }
}
