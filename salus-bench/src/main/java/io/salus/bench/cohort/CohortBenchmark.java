package io.salus.bench.cohort;

import io.salus.bench.BenchContext;
import io.salus.bench.Benchmark;
import io.salus.bench.Comparison;
import io.salus.bench.Numbers;
import io.salus.bench.Outcome;
import io.salus.bench.Outcome.Check;
import io.salus.bench.Outcome.Series;
import io.salus.bench.Progress;
import io.salus.compute.cohort.RoaringCohortIndex;
import io.salus.core.cohort.CohortSemantics;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Cohort count latency at growing population sizes (1 %, 10 % and 100 % of {@link BenchContext#scale()}; half and all
 * of it in a quick run): the population's features ({@link FeatureDraws}) go into a {@link RoaringCohortIndex}
 * ({@code bulkLoad}, {@code seal}) and into the normalised SQL tables of {@link SqlCohortBaseline}, stage by stage; at
 * each size every {@link CohortQuery#standard() criterion} is counted by {@code RoaringCohortIndex.count(criterion,
 * at)} and by its SQL translation, p50 and p99 over many runs, one thread each. Checks that the index and SQL counts
 * agree for every criterion at every size, and (up to 100,000 patients) that both equal {@link CohortSemantics} over
 * the regenerated features. Not thread-safe.
 */
public final class CohortBenchmark implements Benchmark {
    static final double GOAL_MS = 10;
    static final long GOAL_PATIENTS = 1_000_000;
    private static final int CHUNK = 4096;
    private static final int SEMANTICS_LIMIT = 100_000;

    private final List<CohortQuery> queries = CohortQuery.standard();
    private final Map<String, String> figures = new LinkedHashMap<>();
    private final List<Check> checks = new ArrayList<>();
    private FeatureDraws draws;
    private RoaringCohortIndex index;
    private SqlCohortBaseline sql;
    private LocalDate at;
    private long features;

    @Override
    public String name() {
        return "cohort";
    }

    @Override
    public void setup(BenchContext ctx) {
        draws = new FeatureDraws(ctx.population());
        at = draws.referenceDate();
        index = RoaringCohortIndex.withOwnOrdinals();
        sql = SqlCohortBaseline.create(ctx.node().dataSource());
    }

    /** The population sizes measured. */
    static List<Integer> sizes(long scale, boolean quick) {
        int n = Math.toIntExact(scale);
        List<Integer> s = quick ? List.of(n / 2, n) : List.of(n / 100, n / 10, n);
        return s.stream().filter(x -> x > 0).distinct().toList();
    }

    @Override
    public Outcome run(BenchContext ctx) {
        List<Integer> sizes = sizes(ctx.scale(), ctx.quick());
        Map<Integer, List<Latency[]>> bySize = new LinkedHashMap<>();
        int loaded = 0;
        for (int size : sizes) {
            load(ctx, loaded, size);
            loaded = size;
            bySize.put(size, measure(ctx, size));
        }
        figures.put("population", Numbers.compact(loaded) + " patients, " + Numbers.compact(features)
                + " features (" + Numbers.compact((double) features / loaded) + " per patient), seed "
                + ctx.population().seed() + ", " + ctx.population().years() + " years of history, ages at " + at);
        int largest = sizes.get(sizes.size() - 1);
        return new Outcome(name(), comparisons(largest, bySize.get(largest)), figures, checks, series(bySize));
    }

    private void load(BenchContext ctx, int from, int to) {
        long[] took = new long[3];
        long start = System.nanoTime();
        try (Progress.Step step = ctx.progress().start("cohort: " + Numbers.compact(to) + " patients", to - from)) {
            index.bulkLoad(() -> {
                for (int a = from; a < to; a += CHUNK) {
                    long t0 = System.nanoTime();
                    List<PatientFeatures> chunk = IntStream.range(a, Math.min(to, a + CHUNK)).parallel()
                            .mapToObj(draws::patient).toList();
                    long t1 = System.nanoTime();
                    for (PatientFeatures p : chunk) {
                        index.putFacts(p.index(), p.facts());
                        index.add(p.index(), p.features());
                        features += p.features().size();
                    }
                    long t2 = System.nanoTime();
                    chunk.forEach(sql::append);
                    took[0] += t1 - t0;
                    took[1] += t2 - t1;
                    took[2] += System.nanoTime() - t2;
                    step.stepBy(chunk.size());
                }
            });
        }
        double sealed = (System.nanoTime() - start - took[0] - took[1] - took[2]) / 1e9;
        long indexStart = System.nanoTime();
        sql.index();
        String key = "load to " + Numbers.compact(to) + " patients";
        figures.put(key + ": feature generation (" + Runtime.getRuntime().availableProcessors() + " threads)",
                Numbers.compact(took[0] / 1e9) + " s");
        figures.put(key + ": cohort index (add, then seal)", Numbers.compact(took[1] / 1e9) + " s + "
                + Numbers.compact(sealed) + " s");
        figures.put(key + ": SQL (COPY, then indexes and VACUUM ANALYZE)", Numbers.compact(took[2] / 1e9)
                + " s + " + Numbers.compact((System.nanoTime() - indexStart) / 1e9) + " s");
    }

    private List<Latency[]> measure(BenchContext ctx, int size) {
        boolean semantics = size <= SEMANTICS_LIMIT;
        List<PatientFeatures> all = semantics
                ? IntStream.range(0, size).parallel().mapToObj(draws::patient).toList()
                : List.of();
        List<Latency[]> out = new ArrayList<>();
        try (Progress.Step step = ctx.progress().start("cohort: counts at " + Numbers.compact(size),
                queries.size())) {
            for (int q = 0; q < queries.size(); q++) {
                CohortQuery query = queries.get(q);
                Latency idx = ctx.quick()
                        ? Latency.measure(() -> index.count(query.criterion(), at), 1, 5, 5, 1)
                        : Latency.measure(() -> index.count(query.criterion(), at), 20, 50, 1000, 10);
                Latency db;
                try (PreparedStatement ps = sql.prepare(query.criterion(), at)) {
                    db = ctx.quick()
                            ? Latency.measure(() -> SqlCohortBaseline.count(ps), 1, 2, 2, 1)
                            : Latency.measure(() -> SqlCohortBaseline.count(ps), 2, 5, 200, 15);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot close a statement", e);
                }
                String label = "c" + (q + 1) + " " + query.name();
                checks.add(new Check(Numbers.compact(size) + " patients, " + label + ": index count ("
                        + idx.count() + ") = SQL count (" + db.count() + ")", idx.count() == db.count()));
                if (semantics) {
                    long reference = all.stream().filter(p -> CohortSemantics.matches(query.criterion(),
                            p.facts(), p.features(), at)).count();
                    checks.add(new Check(Numbers.compact(size) + " patients, " + label
                            + ": index count = CohortSemantics count (" + reference + ")", idx.count() == reference));
                }
                figures.put("at " + Numbers.compact(size) + " patients, " + label,
                        "count " + Numbers.compact(idx.count())
                                + "; index " + idx.text() + "; SQL " + db.text());
                out.add(new Latency[]{idx, db});
                step.stepBy(1);
            }
        }
        return out;
    }

    private List<Comparison> comparisons(int size, List<Latency[]> latencies) {
        List<Comparison> out = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            Latency idx = latencies.get(q)[0];
            String goal = size < GOAL_PATIENTS
                    ? "p50 under 10 ms at 1,000,000 patients (this run: " + Numbers.compact(size) + ")"
                    : "p50 under 10 ms at 1,000,000 patients: " + (idx.p50() < GOAL_MS ? "**met**" : "**not met**")
                            + " (p50 " + Numbers.compact(idx.p50()) + " ms, p99 " + Numbers.compact(idx.p99())
                            + " ms)";
            out.add(new Comparison("cohort count at " + Numbers.compact(size) + " patients, c" + (q + 1) + " "
                    + queries.get(q).name() + " (RoaringCohortIndex.count, one thread)", "ms", idx.spread(),
                    "SQL over a normalised feature table (OMOP / i2b2 style), one core", latencies.get(q)[1]
                            .spread(),
                    "index / SQL latency (lower is better)", goal));
        }
        return out;
    }

    private static List<Series> series(Map<Integer, List<Latency[]>> bySize) {
        List<Series> out = new ArrayList<>();
        for (int side = 0; side < 2; side++) {
            String who = side == 0 ? "index" : "SQL";
            List<double[]> medianP50 = new ArrayList<>();
            List<double[]> worstP50 = new ArrayList<>();
            List<double[]> worstP99 = new ArrayList<>();
            for (Map.Entry<Integer, List<Latency[]>> e : bySize.entrySet()) {
                int s = side;
                List<Latency> l = e.getValue().stream().map(x -> x[s]).toList();
                double[] p50 = l.stream().mapToDouble(Latency::p50).sorted().toArray();
                medianP50.add(new double[]{e.getKey(), p50[(p50.length - 1) / 2]});
                worstP50.add(new double[]{e.getKey(), p50[p50.length - 1]});
                worstP99.add(new double[]{e.getKey(), l.stream().mapToDouble(Latency::p99).max().orElse(0)});
            }
            out.add(new Series(who + ": p50, median criterion", "patients", "ms", medianP50));
            out.add(new Series(who + ": p50, slowest criterion", "patients", "ms", worstP50));
            out.add(new Series(who + ": p99, slowest criterion", "patients", "ms", worstP99));
        }
        return out;
    }

    @Override
    public void close() {
        if (sql != null) {
            sql.close();
        }
    }
}
