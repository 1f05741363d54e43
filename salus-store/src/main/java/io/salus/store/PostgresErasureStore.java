package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.erasure.ErasureReceipt;
import io.salus.core.error.SalusException;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.port.ErasureStore;
import io.salus.store.internal.HealthDataErasure;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Erasure by crypto-shredding in PostgreSQL: one transaction under the account row's update lock (which deposits of
 * the same patient take in key-share mode, see {@code V7__erasure.sql}). Thread-safe.
 */
public final class PostgresErasureStore implements ErasureStore {
    private static final String RECEIPT = """
            SELECT patient, erased_at, records_shredded, anchored_records, deposits_deleted, features_deleted,
                   identifiers_deleted
              FROM erasure""";
    private final Transactions tx;

    public PostgresErasureStore(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public Erased erase(AccountId patient, Instant at) {
        return tx.inTransaction("erase patient " + patient, h -> {
            boolean known = h.createQuery("SELECT id FROM account WHERE id = :p FOR UPDATE")
                    .bind("p", patient.value()).mapTo(UUID.class).findOne().isPresent();
            if (!known) {
                throw new SalusException("no account " + patient + " to erase");
            }
            Optional<ErasureReceipt> earlier = receipt(h, patient);
            if (earlier.isPresent()) {
                return new Erased(earlier.get(), false);
            }
            int anchored = count(h, "SELECT count(*) FROM sealed_record WHERE patient = :p AND batch_id IS NOT NULL",
                    patient);
            update(h, """
                    INSERT INTO erased_record (id, patient, batch_id, leaf_index, leaf)
                    SELECT id, patient, batch_id, leaf_index, leaf FROM sealed_record WHERE patient = :p""", patient);
            int features = update(h, "DELETE FROM sealed_cohort_features WHERE patient = :p", patient);
            update(h, "DELETE FROM sealed_patient_facts WHERE patient = :p", patient);
            int records = update(h, "DELETE FROM sealed_record WHERE patient = :p", patient);
            h.createUpdate("""
                    UPDATE outbox SET status = 'done', done_at = :at,
                           result = jsonb_build_object('erased', true)
                     WHERE kind = :kind AND status = 'pending'
                       AND idempotency_key IN (SELECT CAST(id AS text) FROM deposit WHERE patient = :p)""")
                    .bind("at", Sql.ts(at)).bind("kind", OutboxKinds.ANCHOR_DEPOSIT).bind("p", patient.value())
                    .execute();
            int deposits = update(h, "DELETE FROM deposit WHERE patient = :p", patient);
            int identifiers = update(h, "DELETE FROM patient_identifier_index WHERE patient = :p", patient);
            HealthDataErasure.erase(h, patient);
            h.createUpdate("UPDATE account SET erased_at = :at, display_name = NULL WHERE id = :p")
                    .bind("at", Sql.ts(at)).bind("p", patient.value()).execute();
            ErasureReceipt receipt = new ErasureReceipt(patient, Sql.micros(at), records, anchored, deposits,
                    features, identifiers);
            h.createUpdate("""
                    INSERT INTO erasure (patient, erased_at, records_shredded, anchored_records, deposits_deleted,
                        features_deleted, identifiers_deleted)
                    VALUES (:p, :at, :records, :anchored, :deposits, :features, :identifiers)""")
                    .bind("p", patient.value()).bind("at", Sql.ts(at)).bind("records", records)
                    .bind("anchored", anchored).bind("deposits", deposits).bind("features", features)
                    .bind("identifiers", identifiers).execute();
            return new Erased(receipt, true);
        });
    }

    @Override
    public Optional<ErasureReceipt> find(AccountId patient) {
        return tx.inTransaction("find erasure of " + patient, h -> receipt(h, patient));
    }

    @Override
    public List<AccountId> erasedPatients() {
        return tx.inTransaction("list erased patients", h -> h
                .createQuery("SELECT patient FROM erasure ORDER BY erased_at, patient")
                .map((rs, ctx) -> new AccountId(Sql.uuid(rs, "patient"))).list());
    }

    private static Optional<ErasureReceipt> receipt(Handle h, AccountId patient) {
        return h.createQuery(RECEIPT + " WHERE patient = :p").bind("p", patient.value())
                .map((rs, ctx) -> receipt(rs)).findOne();
    }

    private static ErasureReceipt receipt(ResultSet rs) throws SQLException {
        return new ErasureReceipt(new AccountId(Sql.uuid(rs, "patient")), Sql.instant(rs, "erased_at"),
                rs.getInt("records_shredded"), rs.getInt("anchored_records"), rs.getInt("deposits_deleted"),
                rs.getInt("features_deleted"), rs.getInt("identifiers_deleted"));
    }

    private static int count(Handle h, String sql, AccountId patient) {
        return h.createQuery(sql).bind("p", patient.value()).mapTo(Integer.class).one();
    }

    private static int update(Handle h, String sql, AccountId patient) {
        return h.createUpdate(sql).bind("p", patient.value()).execute();
    }
}
