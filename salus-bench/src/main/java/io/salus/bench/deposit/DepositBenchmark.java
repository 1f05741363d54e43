package io.salus.bench.deposit;

import io.salus.bench.BenchContext;
import io.salus.bench.Benchmark;
import io.salus.bench.Comparison;
import io.salus.bench.Numbers;
import io.salus.bench.Outcome;
import io.salus.bench.Outcome.Check;
import io.salus.bench.Outcome.Series;
import io.salus.bench.Parallel;
import io.salus.bench.Progress;
import io.salus.bench.Spread;
import io.salus.core.error.Result;
import io.salus.core.usecase.DepositReceipt;
import io.salus.core.usecase.DepositService;
import io.salus.node.wiring.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deposit throughput in FHIR resources per second through the node's {@link DepositService} (validate, seal, store;
 * then until every record is anchored), against, in the same run on the same bundles: the plain FHIR store (parse and
 * insert jsonb, {@link PlainFhirStore}) and the JDK's AES-GCM + SHA-256 ceiling ({@link CryptoCeiling}). Repeated at
 * three bundle sizes (1, 3 and 10 years of history) for the throughput-against-bundle-size plot. Not thread-safe.
 */
public final class DepositBenchmark implements Benchmark {
    static final int[] YEARS = {1, 3, 10};
    static final int MAIN_YEARS = 3;
    private final List<DepositPoint> points = new ArrayList<>();
    private final ConcurrentLinkedQueue<Verified> lastDeposits = new ConcurrentLinkedQueue<>();
    private PlainFhirStore plain;

    private record Verified(io.salus.core.account.Account patient, DepositReceipt receipt) {
    }

    @Override
    public String name() {
        return "deposit";
    }

    @Override
    public void setup(BenchContext ctx) {
        plain = PlainFhirStore.create(ctx.node().dataSource());
        long first = 10_000_000L;
        try (Progress.Step step = ctx.progress().start("deposit setup", YEARS.length)) {
            for (int years : YEARS) {
                int n = years == MAIN_YEARS ? ctx.sample() : Math.max(10, ctx.sample() / 4);
                points.add(DepositPoint.prepare(ctx.population(), years, first, n, ctx.node().accounts()));
                first += n;
                step.stepBy(1);
            }
        }
    }

    @Override
    public Outcome run(BenchContext ctx) {
        int runs = ctx.repeats();
        Map<Integer, double[]> salus = new LinkedHashMap<>();
        Map<Integer, double[]> baseline = new LinkedHashMap<>();
        double[] anchored = new double[runs];
        double[] ceiling = new double[runs];
        AtomicInteger failures = new AtomicInteger();
        long plainStored = 0;
        long plainExpected = 0;
        try (Progress.Step step = ctx.progress().start("deposit", (long) runs * points.size())) {
            for (int r = 0; r < runs; r++) {
                for (DepositPoint p : points) {
                    boolean main = p.years() == MAIN_YEARS;
                    long anchoredBefore = ctx.node().recordStore().stats().anchoredRecords();
                    if (main) {
                        lastDeposits.clear();
                    }
                    long start = System.nanoTime();
                    double seconds = Parallel.run(ctx.threads(), p.bundles().size(),
                            i -> deposit(ctx.node(), p, i, main, failures));
                    salus.computeIfAbsent(p.years(), k -> new double[runs])[r] = p.resources().size() / seconds;
                    if (main) {
                        awaitAnchored(ctx.node(), anchoredBefore + p.resources().size());
                        anchored[r] = p.resources().size() / ((System.nanoTime() - start) / 1e9);
                        ceiling[r] = p.resources().size() / Parallel.run(ctx.threads(), ctx.threads(),
                                t -> new CryptoCeiling().sealAndHash(slice(p.resources(), t, ctx.threads())));
                    }
                    double plainSeconds = Parallel.run(ctx.threads(), p.bundles().size(),
                            i -> plain.store(p.accounts().get(i).id().toString(), p.bundles().get(i)));
                    baseline.computeIfAbsent(p.years(), k -> new double[runs])[r] = p.resources().size()
                            / plainSeconds;
                    plainExpected += p.resources().size();
                    step.stepBy(1);
                }
            }
            plainStored = plain.count();
        }
        return outcome(ctx, salus, baseline, anchored, ceiling, failures.get(), plainStored == plainExpected);
    }

    private void deposit(Node node, DepositPoint p, int i, boolean keep, AtomicInteger failures) {
        var patient = p.accounts().get(i);
        Result<DepositReceipt> r = node.deposits().deposit(new DepositService.Command(patient, patient.id(),
                p.bundles().get(i), Optional.empty(), "salus-bench"));
        if (!r.isOk()) {
            failures.incrementAndGet();
        } else if (keep) {
            lastDeposits.add(new Verified(patient, r.orElseThrow()));
        }
    }

    private static void awaitAnchored(Node node, long target) {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (node.recordStore().stats().anchoredRecords() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("records were not anchored within 10 minutes");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static <T> List<T> slice(List<T> all, int part, int parts) {
        int from = (int) ((long) all.size() * part / parts);
        int to = (int) ((long) all.size() * (part + 1) / parts);
        return all.subList(from, to);
    }

    private Outcome outcome(BenchContext ctx, Map<Integer, double[]> salus, Map<Integer, double[]> baseline,
            double[] anchored, double[] ceiling, int failures, boolean plainComplete) {
        DepositPoint main = points.stream().filter(p -> p.years() == MAIN_YEARS).findFirst().orElseThrow();
        String goal = "> 10,000 resources/s per node (validate, encrypt, store, anchor)";
        String plainName = "plain FHIR store: HAPI parse + INSERT jsonb, no encryption, no anchoring";
        List<Comparison> comparisons = List.of(
                new Comparison("deposit (validate, seal, store)", "resources/s", Spread.of(salus.get(MAIN_YEARS)),
                        plainName, Spread.of(baseline.get(MAIN_YEARS)), "Salus / plain (overhead = 1/ratio)", goal),
                new Comparison("deposit until every record is anchored", "resources/s", Spread.of(anchored),
                        plainName, Spread.of(baseline.get(MAIN_YEARS)), "Salus / plain (overhead = 1/ratio)", goal),
                new Comparison("deposit (validate, seal, store)", "resources/s", Spread.of(salus.get(MAIN_YEARS)),
                        "JDK AES-256-GCM + SHA-256 of the same resources (ceiling)", Spread.of(ceiling),
                        "Salus / ceiling (efficiency)", ""));
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("client threads", Integer.toString(ctx.threads()));
        for (DepositPoint p : points) {
            figures.put(p.years() + "-year bundles", p.bundles().size() + " patients, "
                    + Numbers.compact(p.resourcesPerBundle()) + " resources per bundle, Salus "
                    + Spread.of(salus.get(p.years())).text() + " resources/s, plain "
                    + Spread.of(baseline.get(p.years())).text() + " resources/s");
        }
        List<double[]> salusPoints = new ArrayList<>();
        List<double[]> plainPoints = new ArrayList<>();
        for (DepositPoint p : points) {
            salusPoints.add(new double[]{p.resourcesPerBundle(), Spread.of(salus.get(p.years())).median()});
            plainPoints.add(new double[]{p.resourcesPerBundle(), Spread.of(baseline.get(p.years())).median()});
        }
        String x = "resources per bundle";
        String y = "resources per second";
        return new Outcome(name(), comparisons, figures, List.of(
                new Check("every deposit succeeded", failures == 0),
                new Check("the plain store holds every resource it was given", plainComplete),
                new Check("sampled deposited records verify against the chain", verifySample(ctx.node())),
                new Check("the main point deposited " + main.resources().size() + " resources per run",
                        main.resources().size() > 0)),
                List.of(new Series("Salus deposit (validate, seal, store)", x, y, salusPoints),
                        new Series("plain FHIR store (parse + insert)", x, y, plainPoints)));
    }

    /** Up to 20 deposits of the last run: their first record verifies step by step (leaf, proof, root, contract). */
    private boolean verifySample(Node node) {
        return lastDeposits.stream().limit(20).allMatch(v -> node.records()
                .verify(v.patient(), v.receipt().records().get(0).id()).orElseThrow().verified())
                && !lastDeposits.isEmpty();
    }
}
