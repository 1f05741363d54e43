package io.salus.bench;

import io.salus.bench.anchor.AnchoringBenchmark;
import io.salus.bench.device.DeviceIntakeBenchmark;
import io.salus.bench.batching.BatchedWritesBenchmark;
import io.salus.bench.consent.ConsentBenchmark;
import io.salus.bench.deposit.DepositBenchmark;
import io.salus.bench.federation.FederationBenchmark;
import io.salus.bench.population.GenerationBenchmark;
import io.salus.bench.proof.ProofBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The registry the {@code bench} command iterates: the built-in benchmarks, then any found by ServiceLoader. */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static List<Benchmark> all() {
        List<Benchmark> all = new ArrayList<>(List.of(new GenerationBenchmark(), new DepositBenchmark(),
                new AnchoringBenchmark(), new ProofBenchmark(), new ConsentBenchmark(), new BatchedWritesBenchmark(),
                new io.salus.bench.fhir.FhirBenchmark(), new DeviceIntakeBenchmark(), new FederationBenchmark()));
        ServiceLoader.load(Benchmark.class).forEach(all::add);
        return List.copyOf(all);
    }
}
