package io.salus.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true, description = {
        "Generate synthetic FHIR R4 patients with Synthea 3.3.0 (one transaction bundle per patient).",
        "Synthea runs in its own process (it pins an old HAPI FHIR): ./mvnw -pl salus-synthea exec:java."})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--population", defaultValue = "10", description = "Number of living patients (default 10).")
    int population;

    @Option(names = "--seed", defaultValue = "20261122", description = "Random seed (same seed, same files).")
    long seed;

    @Option(names = "--years-of-history", defaultValue = "3", description = "Years of history per patient.")
    int years;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (population < 1 || population > 1_000_000) {
            throw new IllegalArgumentException("--population must be within 1..1000000");
        }
        if (years < 1 || years > 100) {
            throw new IllegalArgumentException("--years-of-history must be within 1..100");
        }
        Path home = Path.of(System.getProperty("salus.home", ".")).toAbsolutePath().normalize();
        Files.createDirectories(out);
        String args = "--population " + population + " --seed " + seed + " --clinician-seed " + seed
                + " --years-of-history " + years + " --out " + out.toAbsolutePath();
        Process p = new ProcessBuilder(List.of(home.resolve("mvnw").toString(), "-q", "-B", "-pl", "salus-synthea",
                "exec:java", "-Dexec.cleanupDaemonThreads=false", "-Dexec.args=" + args)).directory(home.toFile())
                .inheritIO().start();
        int code = p.waitFor();
        if (code == 0) {
            System.out.println("Wrote " + population + " patients to " + out.toAbsolutePath());
        }
        return code;
    }
}
