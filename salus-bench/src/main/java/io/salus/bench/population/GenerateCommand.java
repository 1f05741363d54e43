package io.salus.bench.population;

import io.salus.bench.Numbers;
import io.salus.bench.Progress;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bench generate --patients N [--seed S] [--years Y] [--threads T] [--out FILE|-]}: writes a population as
 * NDJSON and reports time, peak heap and size. Not thread-safe.
 */
public final class GenerateCommand {
    private GenerateCommand() {
    }

    /** The parsed options. */
    public record Options(long patients, long seed, int years, int threads, String out) {
    }

    public static void run(Options o, Progress progress, PrintStream report) {
        long start = System.nanoTime();
        PopulationModel model = ModelLearner.fromFixtures();
        double learnSeconds = (System.nanoTime() - start) / 1e9;
        PatientGenerator gen = new PatientGenerator(model, o.seed(), o.years());
        Population.Written w;
        try (OutputStream out = open(o.out()); Progress.Step step = progress.start("generate", o.patients())) {
            w = new Population(gen, o.threads()).writeNdjson(0, o.patients(), out, step::stepTo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        report.printf("patients %,d  resources %,d  bytes %,d (%s MB, %s bytes/patient)%n", w.patients(),
                w.resources(), w.bytes(), Numbers.compact(w.bytes() / 1e6), Numbers.compact(w.bytes()
                        / (double) w.patients()));
        report.printf("time %.1f s (model learned in %.2f s)  %s patients/s  %s resources/s  threads %d%n", seconds,
                learnSeconds, Numbers.compact(w.patients() / seconds), Numbers.compact(w.resources() / seconds),
                o.threads());
        report.printf("peak heap (sum of pool peaks) %s MB, max heap %s MB, seed %d, years %d, out %s%n",
                Numbers.compact(peakHeap / 1e6), Numbers.compact(Runtime.getRuntime().maxMemory() / 1e6), o.seed(),
                o.years(), o.out());
    }

    private static OutputStream open(String out) throws IOException {
        if ("-".equals(out)) {
            return new BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 20);
        }
        return new BufferedOutputStream(Files.newOutputStream(Path.of(out)), 1 << 20);
    }
}
