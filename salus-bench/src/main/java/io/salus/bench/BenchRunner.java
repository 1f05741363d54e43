package io.salus.bench;

import io.salus.bench.population.ModelLearner;
import io.salus.bench.population.PatientGenerator;
import io.salus.node.config.NodeSettings;
import io.salus.node.config.Setting;
import io.salus.node.wiring.Node;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the benchmarks against a node it starts in-process on a temporary data directory (embedded PostgreSQL, local
 * anvil), then stops the node and deletes the directory. Not thread-safe.
 */
public final class BenchRunner {
    /**
     * The bench node's own defaults (batches cut sooner, workers polled more often than a product node's); the
     * environment's {@code SALUS_*} settings override them as they would a node's, e.g.
     * {@code SALUS_ANCHOR_BATCH_SIZE=16384} for the onboarding run at scale (docs/benchmarks.md).
     */
    private static final Map<String, String> BENCH_DEFAULTS = Map.of(Setting.BATCH_DELAY_MS.key(), "200",
            Setting.WORKER_INTERVAL_MS.key(), "50");

    private BenchRunner() {
    }

    /**
     * The run's options; an empty {@code only} runs every benchmark. {@code r4Rules}: whether the node checks FHIR R4's
     * rules at deposit ({@code salus.fhir.validate-r4}, on by default as in the product).
     */
    public record Options(long scale, int sample, int repeats, int threads, long seed, Set<String> only,
            boolean quick, boolean r4Rules) {
        public Options(long scale, int sample, int repeats, int threads, long seed, Set<String> only, boolean quick) {
            this(scale, sample, repeats, threads, seed, only, quick, true);
        }
    }

    public static List<Outcome> run(Options o, Progress progress, PrintStream log) {
        Path dir = tempDir();
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Map<String, String> settings = Map.of(Setting.DATA_DIR.key(), dir.toString(), Setting.HTTP_PORT.key(), "0",
                Setting.FHIR_R4_RULES.key(), Boolean.toString(o.r4Rules()));
        log.println("Starting a node on " + dir + " (embedded PostgreSQL, local anvil; FHIR R4 rules "
                + (o.r4Rules() ? "on" : "off") + ")");
        for (Setting s : Setting.values()) {
            String v = System.getenv(s.envName());
            if (v != null) {
                boolean secretish = s.envName().contains("SECRET") || s.envName().contains("KEY");
                log.println("  node setting from the environment: " + s.envName() + "=" + (secretish ? "(set)" : v));
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (Node node = Node.start(NodeSettings.resolve(System.getenv(), BENCH_DEFAULTS, settings),
                Map.of("SALUS_MASTER_SECRET", secret),
                false, new PrintStream(OutputStream.nullOutputStream()))) {
            PatientGenerator population = new PatientGenerator(ModelLearner.fromFixtures(), o.seed(), 3);
            BenchContext ctx = new BenchContext(node, population, o.scale(), o.sample(), o.repeats(), o.threads(),
                    o.quick(), progress);
            for (Benchmark b : Benchmarks.all()) {
                if (!o.only().isEmpty() && !o.only().contains(b.name())) {
                    continue;
                }
                log.println("Benchmark " + b.name());
                try (b) {
                    b.setup(ctx);
                    Outcome outcome = b.run(ctx);
                    outcomes.add(outcome);
                    outcome.checks()
                            .forEach(c -> log.println("  check " + (c.passed() ? "ok   " : "FAIL ") + c.what()));
                }
            }
        } finally {
            deleteTree(dir);
        }
        return outcomes;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("salus-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(BenchRunner.class).warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
