package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.cohort.FeatureBackfillStore;
import io.salus.core.cohort.FeatureStore.RecordFeatures;
import io.salus.core.cohort.PatientFacts;
import io.salus.core.port.KeyManager;
import io.salus.store.internal.AtRest;
import io.salus.store.internal.FeatureCodec;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link FeatureBackfillStore} in PostgreSQL: pending deposits are those with a record of an extractable type, no row
 * in {@code sealed_cohort_features} and no mark in {@code cohort_feature_backfill}; completing one seals its features
 * (as a deposit does), the patient's facts if they have none, and the mark, in one transaction. Thread-safe.
 */
public final class PostgresFeatureBackfill implements FeatureBackfillStore {
    private static final String PENDING = """
            FROM deposit d
             WHERE EXISTS (SELECT 1 FROM sealed_record r
                            WHERE r.deposit_id = d.id AND r.resource_type = ANY(:types))
               AND NOT EXISTS (SELECT 1 FROM sealed_cohort_features f WHERE f.deposit_id = d.id)
               AND NOT EXISTS (SELECT 1 FROM cohort_feature_backfill b WHERE b.deposit_id = d.id)""";
    private final Transactions tx;
    private final KeyManager keys;
    private final Clock clock;

    public PostgresFeatureBackfill(Jdbi jdbi, KeyManager keys, Clock clock) {
        this.tx = new Transactions(jdbi);
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public List<Pending> pending(Set<String> resourceTypes, Optional<UUID> after, int limit) {
        return tx.inTransaction("list deposits without cohort features", h -> {
            var q = h.createQuery("SELECT d.id, d.patient " + PENDING
                    + (after.isPresent() ? " AND d.id > :after" : "") + " ORDER BY d.id LIMIT :limit")
                    .bindArray("types", String.class, List.copyOf(resourceTypes)).bind("limit", limit);
            after.ifPresent(a -> q.bind("after", a));
            return q.map((rs, ctx) -> new Pending(rs.getObject("id", UUID.class),
                    new AccountId(rs.getObject("patient", UUID.class)))).list();
        });
    }

    @Override
    public long countPending(Set<String> resourceTypes) {
        return tx.inTransaction("count deposits without cohort features", h -> h.createQuery(
                "SELECT count(*) " + PENDING).bindArray("types", String.class, List.copyOf(resourceTypes))
                .mapTo(Long.class).one());
    }

    @Override
    public void complete(Pending d, List<RecordFeatures> features, Optional<PatientFacts> facts) {
        int count = features.stream().mapToInt(r -> r.features().size()).sum();
        tx.inTransaction("store the backfilled features of deposit " + d.deposit(), h -> {
            PostgresFeatureStore.add(h, keys, d.deposit(), d.patient(), features);
            facts.ifPresent(f -> h.createUpdate("""
                    INSERT INTO sealed_patient_facts (patient, sealed) VALUES (:patient, :sealed)
                    ON CONFLICT (patient) DO NOTHING""")
                    .bind("patient", d.patient().value())
                    .bind("sealed", keys.sealValue(FeatureCodec.encode(f), AtRest.factsAad(d.patient())))
                    .execute());
            return h.createUpdate("""
                    INSERT INTO cohort_feature_backfill (deposit_id, features, backfilled_at) VALUES (:d, :n, :at)
                    ON CONFLICT (deposit_id) DO NOTHING""")
                    .bind("d", d.deposit()).bind("n", count).bind("at", Sql.ts(clock.instant())).execute();
        });
    }
}
