package io.salus.bench.consent;

import io.salus.bench.BenchContext;
import io.salus.bench.Benchmark;
import io.salus.bench.Comparison;
import io.salus.bench.Numbers;
import io.salus.bench.Outcome;
import io.salus.bench.Outcome.Check;
import io.salus.bench.Progress;
import io.salus.bench.Spread;
import io.salus.compute.consent.RoaringConsentIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consent decisions per second over a synthetic grant population of {@link BenchContext#scale()} patients
 * ({@link GrantPopulation}), on one thread, each figure the median of {@link BenchContext#repeats()} timed passes after
 * an untimed warm-up: in bulk, {@link RoaringConsentIndex#permitted} over every patient against the row-by-row
 * {@code count(DISTINCT patient)} of the same grants in PostgreSQL ({@link SqlConsentBaseline}); one by one,
 * {@link RoaringConsentIndex#permits} against the SQL per-patient {@code EXISTS} and against
 * {@code ConsentPolicy.decide} on in-memory lists (the decision point's path). Checks that the three evaluations agree
 * for every query ({@link ConsentAgreement}). Not thread-safe.
 */
public final class ConsentBenchmark implements Benchmark {
    static final double GOAL = 1_000_000;
    /** A timed bulk run repeats the queries for about this long (one pass over 1,000,000 patients is ~1 ms). */
    static final double BULK_RUN_SECONDS = 0.5;

    private final List<ConsentQuery> queries = ConsentQuery.standard();
    private final PolicyEvaluation policy = new PolicyEvaluation();
    private final Map<String, String> figures = new LinkedHashMap<>();
    private GrantPopulation population;
    private RoaringConsentIndex index;
    private SqlConsentBaseline sql;
    private SingleDraws draws;

    @Override
    public String name() {
        return "consent";
    }

    @Override
    public void setup(BenchContext ctx) {
        population = new GrantPopulation(Math.toIntExact(ctx.scale()), ctx.population().seed());
        try (Progress.Step step = ctx.progress().start("consent: index, SQL table, draws", 3)) {
            long start = System.nanoTime();
            index = RoaringConsentIndex.of(population.grants(), GrantPopulation.NOW, GrantPopulation.HEAD);
            figures.put("index build (RoaringConsentIndex.of, one thread)", seconds(start));
            step.stepBy(1);
            start = System.nanoTime();
            sql = SqlConsentBaseline.load(ctx.node().dataSource(), population);
            figures.put("SQL table load (COPY, index, VACUUM ANALYZE)", seconds(start));
            figures.put("population", Numbers.compact(population.patients()) + " patients, "
                    + Numbers.compact(sql.rows()) + " grants (seed " + population.seed() + ")");
            step.stepBy(1);
            draws = new SingleDraws(population, index, queries, Math.min(population.patients(),
                    ctx.quick() ? 500 : 100_000), population.seed() + 1);
            step.stepBy(1);
        }
    }

    @Override
    public Outcome run(BenchContext ctx) {
        int runs = ctx.repeats();
        int sqlQueries = queries.size();
        int sqlSingles = Math.min(draws.size(), ctx.quick() ? 200 : 20_000);
        int passes = ctx.quick() ? 1 : 20;
        DecisionPaths paths = new DecisionPaths(population, index, sql, policy, queries);
        double[] bulk = new double[runs];
        double[] bulkSql = new double[runs];
        double[] single = new double[runs];
        double[] singleSql = new double[runs];
        double[] singlePolicy = new double[runs];
        try (Progress.Step step = ctx.progress().start("consent", runs + 2L)) {
            int bulkPasses = ctx.quick() ? 1 : paths.bulkPassesFor(BULK_RUN_SECONDS);
            paths.singleIndex(draws, passes);
            paths.singlePolicy(draws);
            paths.singleSql(draws, Math.min(sqlSingles, 1000));
            step.stepBy(1);
            for (int r = 0; r < runs; r++) {
                bulk[r] = paths.bulkIndex(bulkPasses);
                bulkSql[r] = paths.bulkSql(sqlQueries);
                single[r] = paths.singleIndex(draws, passes);
                singleSql[r] = paths.singleSql(draws, sqlSingles);
                singlePolicy[r] = paths.singlePolicy(draws);
                step.stepBy(1);
            }
            sql.parallel(true);
            double parallelSql = paths.bulkSql(sqlQueries);
            sql.parallel(false);
            figures.put("row-by-row SQL in bulk with PostgreSQL's default parallel workers (one run)",
                    Numbers.compact(parallelSql) + " decisions/s");
            List<ConsentAgreement.Counts> counts = ConsentAgreement.counts(population, index, sql, policy, queries);
            int wrong = ConsentAgreement.singleDisagreements(draws, index, sql, policy, sqlSingles);
            step.stepBy(1);
            describe(counts, runs, bulkPasses, sqlSingles, passes, paths.permits());
            return new Outcome(name(), comparisons(bulk, bulkSql, single, singleSql, singlePolicy), figures,
                    checks(counts, wrong, sqlSingles), List.of());
        }
    }

    private List<Comparison> comparisons(double[] bulk, double[] bulkSql, double[] single, double[] singleSql,
            double[] singlePolicy) {
        Spread bulkSpread = Spread.of(bulk);
        String goal = "over 1,000,000 decisions/s per core in bulk: "
                + (bulkSpread.median() > GOAL ? "**met**" : "**not met**");
        return List.of(
                new Comparison("consent decisions in bulk (bitmap index, permitted() over all patients, one thread)",
                        "decisions/s", bulkSpread,
                        "row-by-row SQL: count(DISTINCT patient) over the grant table, no parallel workers",
                        Spread.of(bulkSql), "bitmap / SQL", goal),
                new Comparison("single consent decisions (bitmap index, permits(ordinal), one thread)",
                        "decisions/s", Spread.of(single),
                        "SQL per-patient EXISTS, prepared statement, one connection", Spread.of(singleSql),
                        "bitmap / SQL", ""),
                new Comparison("single consent decisions (bitmap index, permits(ordinal), one thread)",
                        "decisions/s", Spread.of(single),
                        "ConsentPolicy.decide on the patient's in-memory grant list (the decision point's path)",
                        Spread.of(singlePolicy), "bitmap / ConsentPolicy", ""));
    }

    private void describe(List<ConsentAgreement.Counts> counts, int runs, int bulkPasses, int sqlSingles, int passes,
            long permits) {
        double bruteDecisions = 0;
        double bruteSeconds = 0;
        for (ConsentAgreement.Counts c : counts) {
            figures.put("permitted: " + c.query(), Numbers.compact(c.index()) + " of "
                    + Numbers.compact(population.patients()) + " patients");
            bruteDecisions += population.patients();
            bruteSeconds += c.policySeconds();
        }
        figures.put("ConsentPolicy.decide over every patient (brute force, grants regenerated, one pass per query)",
                Numbers.compact(bruteDecisions / bruteSeconds) + " decisions/s");
        figures.put("work per run",
                bulkPasses + " × " + queries.size() + " bulk queries over all patients by the index, "
                        + queries.size() + " in SQL; "
                        + Numbers.compact((double) passes * draws.size()) + " single decisions by the index and "
                        + Numbers.compact(draws.size()) + " by ConsentPolicy; " + Numbers.compact(sqlSingles)
                        + " single SQL decisions; " + runs + " runs after warm-up passes (" + Numbers.compact(permits)
                        + " permits in all)");
    }

    private List<Check> checks(List<ConsentAgreement.Counts> counts, int wrong, int sqlSingles) {
        List<Check> checks = new ArrayList<>();
        for (ConsentAgreement.Counts c : counts) {
            checks.add(
                    new Check("bitmap count (" + c.index() + ") = SQL count (" + c.sql() + ") = ConsentPolicy count ("
                            + c.policy() + ") for " + c.query(), c.agree()));
        }
        long total = counts.stream().mapToLong(ConsentAgreement.Counts::index).sum();
        checks.add(new Check("the queries permit some patients and deny others",
                total > 0 && total < (long) population.patients() * counts.size()));
        checks.add(new Check("the bitmap, ConsentPolicy (" + draws.size() + " draws) and SQL (" + sqlSingles
                + " draws) single decisions agree draw by draw", wrong == 0));
        return checks;
    }

    private static String seconds(long startNanos) {
        return Numbers.compact((System.nanoTime() - startNanos) / 1e9) + " s";
    }

    @Override
    public void close() {
        if (sql != null) {
            sql.close();
        }
    }
}
