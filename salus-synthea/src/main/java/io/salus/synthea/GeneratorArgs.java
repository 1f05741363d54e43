package io.salus.synthea;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The generator's options, with reproducible defaults: the same arguments always give the same files.
 *
 * @param population
 *            how many living patients to generate
 * @param seed
 *            Synthea's population seed
 * @param clinicianSeed
 *            Synthea's clinician seed
 * @param referenceDate
 *            the simulated "today" (UTC midnight), so output does not depend on the wall clock
 * @param yearsOfHistory
 *            how many years of each record to export (0 = all)
 * @param out
 *            the folder that receives one transaction bundle per patient
 * @param state
 *            the US state to draw demographics from
 */
public record GeneratorArgs(int population, long seed, long clinicianSeed, LocalDate referenceDate,
        int yearsOfHistory, Path out, String state) {

    public static final long DEFAULT_SEED = 20261122L;
    public static final LocalDate DEFAULT_REFERENCE_DATE = LocalDate.of(2025, 1, 1);

    public GeneratorArgs {
        if (population < 1) {
            throw new IllegalArgumentException("--population must be at least 1");
        }
        if (yearsOfHistory < 0) {
            throw new IllegalArgumentException("--years-of-history must not be negative");
        }
    }

    /** Parses {@code --name value} pairs; unknown options are an {@link IllegalArgumentException}. */
    public static GeneratorArgs parse(List<String> args) {
        int population = 10;
        long seed = DEFAULT_SEED;
        Long clinicianSeed = null;
        LocalDate referenceDate = DEFAULT_REFERENCE_DATE;
        int years = 5;
        Path out = Path.of("synthea-out");
        String state = "Massachusetts";
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args.get(i + 1);
            switch (name) {
                case "--population" -> population = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--clinician-seed" -> clinicianSeed = Long.parseLong(value);
                case "--reference-date" -> referenceDate = LocalDate.parse(value);
                case "--years-of-history" -> years = Integer.parseInt(value);
                case "--out" -> out = Path.of(value);
                case "--state" -> state = value;
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new GeneratorArgs(population, seed, clinicianSeed == null ? seed : clinicianSeed, referenceDate,
                years, out, state);
    }
}
