package io.salus.bench.consent;

import io.salus.compute.consent.RoaringConsentIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Correctness, not time: the three evaluations must agree. For each query, the patients the bitmap index permits, the
 * SQL baseline's {@code count(DISTINCT patient)} and a brute-force {@code ConsentPolicy.decide} per patient; and,
 * draw by draw, the single decisions of the three paths. Stateless and thread-safe.
 */
public final class ConsentAgreement {
    private ConsentAgreement() {
    }

    /** One query's permitted-patient counts by the three evaluations, and how long the brute force took. */
    public record Counts(ConsentQuery query, long index, long sql, long policy, double policySeconds) {
        public boolean agree() {
            return index == sql && sql == policy;
        }
    }

    public static List<Counts> counts(GrantPopulation population, RoaringConsentIndex index, SqlConsentBaseline sql,
            PolicyEvaluation policy, List<ConsentQuery> queries) {
        List<Counts> all = new ArrayList<>();
        for (ConsentQuery q : queries) {
            long bitmap = index.permitted(q.category(), q.typesMask(), q.purpose(), GrantPopulation.NOW,
                    GrantPopulation.HEAD).cardinality();
            long start = System.nanoTime();
            long brute = policy.count(population, q);
            double seconds = (System.nanoTime() - start) / 1e9;
            all.add(new Counts(q, bitmap, sql.count(q), brute, seconds));
        }
        return List.copyOf(all);
    }

    /**
     * Draws (of the first {@code sqlDraws}) where the index's {@code permits}, the SQL {@code EXISTS} and
     * {@code ConsentPolicy.decide} do not all give the same answer; the index and the policy are compared on every
     * draw.
     */
    public static int singleDisagreements(SingleDraws draws, RoaringConsentIndex index, SqlConsentBaseline sql,
            PolicyEvaluation policy, int sqlDraws) {
        int wrong = 0;
        for (int k = 0; k < draws.size(); k++) {
            ConsentQuery q = draws.query(k);
            boolean bitmap = index.permits(draws.ordinal(k), q.category(), q.typesMask(), q.purpose(),
                    GrantPopulation.NOW, GrantPopulation.HEAD);
            boolean decided = policy.permits(draws.address(k), draws.grants(k), q,
                    policy.attestationsFor(q.typesMask()));
            boolean agree = bitmap == decided && (k >= sqlDraws || sql.permits(draws.address(k).hex(), q) == bitmap);
            if (!agree) {
                wrong++;
            }
        }
        return wrong;
    }
}
