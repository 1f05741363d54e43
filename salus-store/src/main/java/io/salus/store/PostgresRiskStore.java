package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.port.RiskStore;
import io.salus.core.record.SealedRecord;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The patient's risk-score history and questionnaire answers in PostgreSQL (migration V130). Thread-safe. */
public final class PostgresRiskStore implements RiskStore {
    private final Transactions tx;

    public PostgresRiskStore(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public void saveScores(List<StoredScore> scores) {
        tx.inTransaction("save risk scores", h -> {
            for (StoredScore s : scores) {
                h.createUpdate("""
                        INSERT INTO risk_score (id, patient, model, computed_at, ciphertext, wrapped_key_node,
                            wrapped_key_patient) VALUES (:id, :p, :model, :at, :ct, :kn, :kp)""")
                        .bind("id", s.id()).bind("p", s.patient().value()).bind("model", s.model())
                        .bind("at", Sql.ts(s.computedAt())).bind("ct", s.sealed().ciphertext())
                        .bind("kn", s.sealed().wrappedKeyForNode()).bind("kp", s.sealed().wrappedKeyForPatient())
                        .execute();
            }
            return null;
        });
    }

    @Override
    public List<StoredScore> scores(AccountId patient, int limit) {
        return tx.inTransaction("read risk scores", h -> h.createQuery("""
                SELECT id, model, computed_at, ciphertext, wrapped_key_node, wrapped_key_patient FROM risk_score
                WHERE patient = :p ORDER BY computed_at DESC, model LIMIT :limit""")
                .bind("p", patient.value()).bind("limit", limit)
                .map((rs, ctx) -> new StoredScore(Sql.uuid(rs, "id"), patient, rs.getString("model"), Sql.instant(rs,
                        "computed_at"), sealed(rs)))
                .list());
    }

    @Override
    public Optional<StoredScore> score(UUID id) {
        return tx.inTransaction("read a risk score", h -> h.createQuery("""
                SELECT id, patient, model, computed_at, ciphertext, wrapped_key_node, wrapped_key_patient
                FROM risk_score WHERE id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> new StoredScore(Sql.uuid(rs, "id"), new AccountId(Sql.uuid(rs, "patient")), rs
                        .getString("model"), Sql.instant(rs, "computed_at"), sealed(rs)))
                .findOne());
    }

    @Override
    public void saveAnswers(StoredAnswers a) {
        tx.inTransaction("save risk answers", h -> h.createUpdate("""
                INSERT INTO risk_answers (id, patient, answered_at, ciphertext, wrapped_key_node, wrapped_key_patient)
                VALUES (:id, :p, :at, :ct, :kn, :kp)""")
                .bind("id", a.id()).bind("p", a.patient().value()).bind("at", Sql.ts(a.answeredAt()))
                .bind("ct", a.sealed().ciphertext()).bind("kn", a.sealed().wrappedKeyForNode())
                .bind("kp", a.sealed().wrappedKeyForPatient()).execute());
    }

    @Override
    public Optional<StoredAnswers> latestAnswers(AccountId patient) {
        return tx.inTransaction("read risk answers", h -> h.createQuery("""
                SELECT id, answered_at, ciphertext, wrapped_key_node, wrapped_key_patient FROM risk_answers
                WHERE patient = :p ORDER BY answered_at DESC LIMIT 1""")
                .bind("p", patient.value())
                .map((rs, ctx) -> new StoredAnswers(Sql.uuid(rs, "id"), patient, Sql.instant(rs, "answered_at"),
                        sealed(rs)))
                .findOne());
    }

    private static SealedRecord sealed(ResultSet rs) throws SQLException {
        return new SealedRecord(rs.getBytes("ciphertext"), rs.getBytes("wrapped_key_node"), rs.getBytes(
                "wrapped_key_patient"));
    }
}
