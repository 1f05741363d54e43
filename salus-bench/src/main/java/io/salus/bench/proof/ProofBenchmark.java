package io.salus.bench.proof;

import io.salus.bench.BenchContext;
import io.salus.bench.Benchmark;
import io.salus.bench.Comparison;
import io.salus.bench.Outcome;
import io.salus.bench.Outcome.Check;
import io.salus.bench.Parallel;
import io.salus.bench.Progress;
import io.salus.bench.Spread;
import io.salus.chain.EvmLedger;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.MerkleTree;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Proof verification per second: locally ({@link MerkleTree#verify}, JMH, one thread) against the chain's
 * {@code verifyInclusion} calls through the node's ledger (client threads, a batch of 1024 anchored in setup). Not
 * thread-safe.
 */
public final class ProofBenchmark implements Benchmark {
    private static final int LEAVES = 1024;
    private final SecureRandom random = new SecureRandom();
    private final List<Hash32> leaves = new ArrayList<>();
    private MerkleTree tree;
    private Hash32 key;

    @Override
    public String name() {
        return "proofs";
    }

    @Override
    public void setup(BenchContext ctx) {
        for (int i = 0; i < LEAVES; i++) {
            leaves.add(randomHash());
        }
        tree = MerkleTree.of(leaves);
        key = randomHash();
        ctx.node().ledger().anchor(key, tree.root(), LEAVES);
    }

    @Override
    public Outcome run(BenchContext ctx) {
        int runs = ctx.repeats();
        double[] local;
        double[] onChain = new double[runs];
        AtomicInteger wrong = new AtomicInteger();
        EvmLedger ledger = ctx.node().ledger();
        int calls = ctx.quick() ? 20 : 2000;
        try (Progress.Step step = ctx.progress().start("proofs", runs + 1L)) {
            local = jmh(ctx);
            step.stepBy(1);
            for (int r = 0; r < runs; r++) {
                onChain[r] = calls / Parallel.run(ctx.threads(), calls, i -> {
                    int index = Math.floorMod(i * 7919, LEAVES);
                    if (!ledger.verifyInclusion(key, leaves.get(index), tree.proof(index))) {
                        wrong.incrementAndGet();
                    }
                });
                step.stepBy(1);
            }
        }
        boolean tamperedRefused = !ledger.verifyInclusion(key, randomHash(), tree.proof(0))
                && !MerkleTree.verify(tree.root(), randomHash(), tree.proof(0));
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("local verification (JMH, 1 thread, batch of " + LEAVES + ")", Spread.of(local).text()
                + " proofs/s");
        figures.put("on-chain verifyInclusion (eth_call, " + ctx.threads() + " client threads)",
                Spread.of(onChain).text() + " calls/s");
        return new Outcome(name(),
                List.of(new Comparison("Merkle proof verifications per second, locally (one core)", "proofs/s",
                        Spread.of(local), "the chain's verifyInclusion (eth_call to RecordRegistry)",
                        Spread.of(onChain), "local / on-chain", "")),
                figures,
                List.of(new Check("every on-chain verification of a member proof returned true", wrong.get() == 0),
                        new Check("a tampered leaf is refused locally and on chain", tamperedRefused)),
                List.of());
    }

    private static double[] jmh(BenchContext ctx) {
        boolean quick = ctx.quick();
        OptionsBuilder o = new OptionsBuilder();
        o.include(MerkleVerifyJmh.class.getName()).forks(quick ? 0 : 1).warmupIterations(quick ? 0 : 2)
                .warmupTime(TimeValue.seconds(1)).measurementIterations(quick ? 1 : Math.max(3, ctx.repeats()))
                .measurementTime(quick ? TimeValue.milliseconds(200) : TimeValue.seconds(1)).mode(Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS).threads(1).shouldFailOnError(true).verbosity(VerboseMode.SILENT);
        try {
            Collection<RunResult> results = new Runner(o.build()).run();
            List<Double> scores = new ArrayList<>();
            for (RunResult rr : results) {
                for (BenchmarkResult br : rr.getBenchmarkResults()) {
                    for (IterationResult ir : br.getIterationResults()) {
                        scores.add(ir.getPrimaryResult().getScore());
                    }
                }
            }
            return scores.stream().mapToDouble(Double::doubleValue).toArray();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed", e);
        }
    }

    private Hash32 randomHash() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Hash32.of(b);
    }
}
