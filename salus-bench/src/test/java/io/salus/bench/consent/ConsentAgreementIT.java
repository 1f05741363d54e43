package io.salus.bench.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.compute.consent.RoaringConsentIndex;
import io.salus.store.Database;
import io.salus.testkit.postgres.WithPostgres;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The consent benchmark's three evaluations on 2,000 patients and a real embedded PostgreSQL: the bitmap index, the
 * row-by-row SQL baseline and brute-force ConsentPolicy give the same answers. Correctness only, never time.
 */
@WithPostgres
class ConsentAgreementIT {
    static GrantPopulation population = new GrantPopulation(2_000, 9);
    static RoaringConsentIndex index;
    static SqlConsentBaseline sql;
    static PolicyEvaluation policy = new PolicyEvaluation();

    @BeforeAll
    static void load(Database db) {
        index = RoaringConsentIndex.of(population.grants(), GrantPopulation.NOW, GrantPopulation.HEAD);
        sql = SqlConsentBaseline.load(db.dataSource(), population);
    }

    @AfterAll
    static void stop() {
        sql.close();
    }

    @Test
    void sqlTable_holdsEveryGrant() {
        assertThat(sql.rows()).isEqualTo(population.grants().count());
    }

    @Test
    void bitmapCount_equalsSqlCount_equalsConsentPolicyCount_forEveryStandardQuery() {
        List<ConsentAgreement.Counts> counts = ConsentAgreement.counts(population, index, sql, policy,
                ConsentQuery.standard());
        assertThat(counts).hasSize(ConsentQuery.standard().size()).allSatisfy(c -> {
            assertThat(c.index()).as("bitmap vs SQL for " + c.query()).isEqualTo(c.sql());
            assertThat(c.policy()).as("ConsentPolicy vs SQL for " + c.query()).isEqualTo(c.sql());
        });
        assertThat(counts).anySatisfy(c -> assertThat(c.index()).isGreaterThan(100));
        assertThat(counts).allSatisfy(c -> assertThat(c.index()).isLessThan(population.patients()));
    }

    @Test
    void theSameHolds_withPostgresParallelWorkersAllowed() {
        sql.parallel(true);
        try {
            ConsentQuery q = ConsentQuery.standard().get(0);
            assertThat(sql.count(q)).isEqualTo(policy.count(population, q));
        } finally {
            sql.parallel(false);
        }
    }

    @Test
    void singleDecisions_agreeDrawByDraw_acrossBitmapSqlAndConsentPolicy() {
        SingleDraws draws = new SingleDraws(population, index, ConsentQuery.standard(), 1_500, 21);
        assertThat(ConsentAgreement.singleDisagreements(draws, index, sql, policy, draws.size())).isZero();
        long permits = java.util.stream.IntStream.range(0, draws.size()).filter(k -> index.permits(draws.ordinal(k),
                draws.query(k).category(), draws.query(k).typesMask(), draws.query(k).purpose(), GrantPopulation.NOW,
                GrantPopulation.HEAD)).count();
        assertThat(permits).isPositive().isLessThan(draws.size());
    }
}
