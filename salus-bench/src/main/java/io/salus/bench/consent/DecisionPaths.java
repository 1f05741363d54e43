package io.salus.bench.consent;

import io.salus.compute.consent.RoaringConsentIndex;
import io.salus.core.consent.Attestation;
import java.util.List;

/**
 * One timed pass of each way to take consent decisions, on one thread, each returning decisions per second: the
 * bitmap index in bulk and one by one, the SQL baseline in bulk and one by one, and {@code ConsentPolicy.decide} on
 * in-memory lists. Each pass also adds its permits to {@link #permits()} so no work can be skipped. Not thread-safe.
 */
final class DecisionPaths {
    private final GrantPopulation population;
    private final RoaringConsentIndex index;
    private final SqlConsentBaseline sql;
    private final PolicyEvaluation policy;
    private final List<ConsentQuery> queries;
    private long permits;

    DecisionPaths(GrantPopulation population, RoaringConsentIndex index, SqlConsentBaseline sql,
            PolicyEvaluation policy, List<ConsentQuery> queries) {
        this.population = population;
        this.index = index;
        this.sql = sql;
        this.policy = policy;
        this.queries = List.copyOf(queries);
    }

    long permits() {
        return permits;
    }

    /** {@code passes} times every query over all patients with {@code permitted}: N decisions per call. */
    double bulkIndex(int passes) {
        long start = System.nanoTime();
        for (int p = 0; p < passes; p++) {
            for (ConsentQuery q : queries) {
                permits += index.permitted(q.category(), q.typesMask(), q.purpose(), GrantPopulation.NOW,
                        GrantPopulation.HEAD).cardinality();
            }
        }
        return rate((long) passes * population.patients() * queries.size(), start);
    }

    /**
     * How many bulk passes make a timed run of about {@code seconds}: the fastest of a few warm-up passes decides
     * (at least 1, at most 100,000).
     */
    int bulkPassesFor(double seconds) {
        double fastest = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            fastest = Math.min(fastest, (double) population.patients() * queries.size() / bulkIndex(1));
        }
        return (int) Math.max(1, Math.min(100_000, Math.ceil(seconds / fastest)));
    }

    /** The first {@code count} queries once over all patients in SQL: N decisions per query. */
    double bulkSql(int count) {
        long start = System.nanoTime();
        for (ConsentQuery q : queries.subList(0, count)) {
            permits += sql.count(q);
        }
        return rate((long) population.patients() * count, start);
    }

    /** {@code passes} passes over the draws with {@code permits(ordinal, ...)}. */
    double singleIndex(SingleDraws d, int passes) {
        long start = System.nanoTime();
        for (int p = 0; p < passes; p++) {
            for (int k = 0; k < d.size(); k++) {
                ConsentQuery q = d.query(k);
                if (index.permits(d.ordinal(k), q.category(), q.typesMask(), q.purpose(), GrantPopulation.NOW,
                        GrantPopulation.HEAD)) {
                    permits++;
                }
            }
        }
        return rate((long) passes * d.size(), start);
    }

    /** The first {@code count} draws through the prepared per-patient {@code EXISTS}. */
    double singleSql(SingleDraws d, int count) {
        long start = System.nanoTime();
        for (int k = 0; k < count; k++) {
            if (sql.permits(d.address(k).hex(), d.query(k))) {
                permits++;
            }
        }
        return rate(count, start);
    }

    /** One pass over the draws with {@code ConsentPolicy.decide} on each patient's grant list. */
    double singlePolicy(SingleDraws d) {
        long start = System.nanoTime();
        for (int k = 0; k < d.size(); k++) {
            ConsentQuery q = d.query(k);
            List<Attestation> attested = policy.attestationsFor(q.typesMask());
            if (policy.permits(d.address(k), d.grants(k), q, attested)) {
                permits++;
            }
        }
        return rate(d.size(), start);
    }

    private static double rate(long decisions, long startNanos) {
        return decisions / ((System.nanoTime() - startNanos) / 1e9);
    }
}
