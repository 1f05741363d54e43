package io.salus.synthea;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.mitre.synthea.engine.Generator;
import org.mitre.synthea.export.Exporter;
import org.mitre.synthea.helpers.Config;

/**
 * Generates synthetic patients with Synthea 3.3.0 and writes one FHIR R4 transaction bundle (JSON) per patient into
 * {@code --out}. Reproducible: the same options give byte-identical files (seeded, fixed reference date, single
 * generator thread, no metadata export). Runs in its own JVM because Synthea pins an old HAPI; use
 * {@code ./mvnw -q -pl salus-synthea exec:java -Dexec.args="--population 10 --out DIR"}. {@code --population} counts
 * living patients; patients who died during the simulation are written too. Not thread-safe, and one generation per
 * JVM: Synthea's configuration and some of its state are process-global, so a second run in the same process is not
 * reproducible.
 */
public final class GenerateFhir {

    private GenerateFhir() {
    }

    public static void main(String[] argv) {
        GeneratorArgs args;
        try {
            args = GeneratorArgs.parse(Arrays.asList(argv));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: GenerateFhir [--population N] [--seed S] [--clinician-seed S]"
                    + " [--reference-date YYYY-MM-DD] [--years-of-history Y] [--out DIR] [--state NAME]");
            System.exit(2);
            return;
        }
        List<Path> written = generate(args);
        System.out.println("wrote " + written.size() + " bundles to " + args.out().toAbsolutePath());
        System.exit(0);
    }

    /** Runs Synthea and returns the bundle files written into {@code args.out()}, sorted by name. */
    public static List<Path> generate(GeneratorArgs args) {
        try {
            Path staging = Files.createTempDirectory("salus-synthea-");
            configure(staging, args);
            Generator.GeneratorOptions options = new Generator.GeneratorOptions();
            options.population = args.population();
            options.seed = args.seed();
            options.clinicianSeed = args.clinicianSeed();
            options.referenceTime = args.referenceDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            options.endTime = options.referenceTime;
            options.state = args.state();
            options.threadPoolSize = 1;
            Exporter.ExporterRuntimeOptions exporterOptions = new Exporter.ExporterRuntimeOptions();
            exporterOptions.yearsOfHistory = args.yearsOfHistory();
            new Generator(options, exporterOptions).run();
            return moveBundles(staging.resolve("fhir"), args.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void configure(Path staging, GeneratorArgs args) {
        Config.set("exporter.baseDirectory", staging.toString());
        Config.set("exporter.years_of_history", Integer.toString(args.yearsOfHistory()));
        Config.set("exporter.fhir.export", "true");
        Config.set("exporter.fhir.transaction_bundle", "true");
        Config.set("exporter.fhir.use_us_core_ig", "false");
        Config.set("exporter.fhir.bulk_data", "false");
        Config.set("exporter.hospital.fhir.export", "false");
        Config.set("exporter.practitioner.fhir.export", "false");
        Config.set("exporter.groups.fhir.export", "false");
        Config.set("exporter.metadata.export", "false");
        Config.set("exporter.ccda.export", "false");
        Config.set("exporter.csv.export", "false");
        Config.set("exporter.text.export", "false");
        Config.set("exporter.json.export", "false");
        Config.set("exporter.cpcds.export", "false");
        Config.set("exporter.bfd.export", "false");
        Config.set("exporter.symptoms.csv.export", "false");
        Config.set("exporter.use_uuid_filenames", "false");
        Config.set("exporter.subfolders_by_id_substring", "false");
        Config.set("generate.log_patients.detail", "none");
    }

    private static List<Path> moveBundles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> sources;
        try (Stream<Path> files = Files.list(from)) {
            sources = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        for (Path source : sources) {
            Files.move(source, to.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        try (Stream<Path> files = Files.list(to)) {
            return files.filter(p -> sources.stream().anyMatch(s -> s.getFileName().equals(p.getFileName())))
                    .sorted().toList();
        }
    }
}
