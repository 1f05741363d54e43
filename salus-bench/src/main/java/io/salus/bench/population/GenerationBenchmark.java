package io.salus.bench.population;

import io.salus.bench.BenchContext;
import io.salus.bench.Benchmark;
import io.salus.bench.Numbers;
import io.salus.bench.Outcome;
import io.salus.bench.Progress;
import io.salus.bench.Spread;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the whole population ({@link BenchContext#scale()} patients) as NDJSON into a byte counter (no disk),
 * repeated: patients and resources per second, bytes per patient. Not thread-safe.
 */
public final class GenerationBenchmark implements Benchmark {
    @Override
    public String name() {
        return "generation";
    }

    @Override
    public void setup(BenchContext ctx) {
    }

    @Override
    public Outcome run(BenchContext ctx) {
        int threads = Runtime.getRuntime().availableProcessors();
        int runs = Math.max(1, Math.min(ctx.repeats(), 3));
        double[] patientsPerSecond = new double[runs];
        double[] resourcesPerSecond = new double[runs];
        Population.Written last = null;
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            try (Progress.Step step = ctx.progress().start("generate " + (r + 1) + "/" + runs, ctx.scale())) {
                last = new Population(ctx.population(), threads).writeNdjson(0, ctx.scale(),
                        OutputStream.nullOutputStream(), step::stepTo);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            patientsPerSecond[r] = last.patients() / seconds;
            resourcesPerSecond[r] = last.resources() / seconds;
        }
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("patients generated", String.format("%,d", last.patients()));
        figures.put("generation threads", Integer.toString(threads));
        figures.put("patients per second", Spread.of(patientsPerSecond).text());
        figures.put("FHIR resources per second", Spread.of(resourcesPerSecond).text());
        figures.put("resources per patient", Numbers.compact(last.resources() / (double) last.patients()));
        figures.put("NDJSON bytes per patient", Numbers.compact(last.bytes() / (double) last.patients()));
        figures.put("NDJSON size of the population", Numbers.compact(last.bytes() / 1e6) + " MB");
        return new Outcome(name(), List.of(), figures,
                List.of(new Outcome.Check("generated the requested number of patients",
                        last.patients() == ctx.scale())),
                List.of());
    }
}
