package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.Category;
import io.salus.core.record.RecordId;
import io.salus.core.recovery.Guardian;
import io.salus.core.recovery.GuardianSet;
import io.salus.core.recovery.RecoveryAlert;
import io.salus.core.recovery.RecoveryRequest;
import io.salus.core.recovery.RecoveryStore;
import io.salus.core.recovery.SealedShare;
import io.salus.store.internal.RecoveryAlerts;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Guardian sets, sealed shares, recoveries, approvals and recovery alerts in PostgreSQL (migrations V6, V35); every
 * recovery step writes its alerts in its own transaction. A completion is one
 * transaction that locks the recovery row, checks the patient's records are exactly those re-wrapped, and replaces the
 * wrapped keys, the account's key pair and token hash together. Thread-safe.
 */
public final class PostgresRecoveryStore implements RecoveryStore {
    private final Transactions tx;

    public PostgresRecoveryStore(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public void saveGuardians(GuardianSet set, List<SealedShare> shares) {
        tx.inTransaction("save the guardians of " + set.patient(), h -> {
            h.createUpdate("DELETE FROM recovery_guardian_set WHERE patient = :p").bind("p", set.patient().value())
                    .execute();
            h.createUpdate("""
                    INSERT INTO recovery_guardian_set (patient, threshold, epoch, tx_hash, set_at)
                    VALUES (:p, :k, :epoch, :tx, :at)""").bind("p", set.patient().value())
                    .bind("k", set.threshold()).bind("epoch", set.epoch()).bind("tx", set.txHash())
                    .bind("at", Sql.ts(set.setAt())).execute();
            for (SealedShare s : shares) {
                Guardian g = set.guardian(s.holder()).orElseThrow();
                h.createUpdate("""
                        INSERT INTO recovery_share (patient, guardian, address, x, sealed, share_hash)
                        VALUES (:p, :g, :address, :x, :sealed, :hash)""").bind("p", set.patient().value())
                        .bind("g", s.holder().value()).bind("address", g.address().hex()).bind("x", s.x())
                        .bind("sealed", s.sealed()).bind("hash", g.shareHash().bytes()).execute();
            }
            return null;
        });
    }

    @Override
    public Optional<GuardianSet> guardians(AccountId patient) {
        return tx.inTransaction("read the guardians of " + patient, h -> {
            List<Guardian> guardians = h.createQuery("""
                    SELECT guardian, address, x, share_hash FROM recovery_share WHERE patient = :p ORDER BY x""")
                    .bind("p", patient.value())
                    .map((rs, ctx) -> new Guardian(new AccountId(Sql.uuid(rs, "guardian")),
                            new EvmAddress(rs.getString("address")), rs.getInt("x"), Sql.hash(rs, "share_hash")))
                    .list();
            return h.createQuery(
                    "SELECT threshold, epoch, tx_hash, set_at FROM recovery_guardian_set WHERE patient = :p")
                    .bind("p", patient.value())
                    .map((rs, ctx) -> new GuardianSet(patient, rs.getInt("threshold"), guardians, rs.getLong("epoch"),
                            rs.getString("tx_hash"), Sql.instant(rs, "set_at")))
                    .findOne();
        });
    }

    @Override
    public Optional<SealedShare> share(AccountId patient, AccountId guardian) {
        return tx.inTransaction("read a share", h -> h.createQuery("""
                SELECT x, sealed FROM recovery_share WHERE patient = :p AND guardian = :g""")
                .bind("p", patient.value()).bind("g", guardian.value())
                .map((rs, ctx) -> new SealedShare(patient, guardian, rs.getInt("x"), rs.getBytes("sealed")))
                .findOne());
    }

    @Override
    public void open(RecoveryRequest r, List<RecoveryAlert> alerts) {
        tx.inTransaction("open recovery " + r.id(), h -> {
            h.createUpdate("""
                    INSERT INTO recovery_request (id, patient, chain_request_id, epoch, new_public_key, new_sealed_key,
                        claim_hash, open_tx, opened_at, opened_by, new_address)
                    VALUES (:id, :p, :chainId, :epoch, :pub, :sealed, :claim, :tx, :at, :by, :address)""")
                    .bind("id", r.id())
                    .bind("p", r.patient().value()).bind("chainId", r.chainRequestId()).bind("epoch", r.epoch())
                    .bind("pub", r.newPublicKey())
                    .bind("sealed", r.toDevice() ? null : r.newSealedPrivateKey())
                    .bind("address", r.newAddress().map(EvmAddress::hex).orElse(null))
                    .bind("claim", r.claimHash().bytes()).bind("tx", r.openTx()).bind("at", Sql.ts(r.openedAt()))
                    .bind("by", r.openedBy().map(AccountId::value).orElse(null)).execute();
            RecoveryAlerts.insert(h, alerts);
            return null;
        });
    }

    @Override
    public boolean cancel(UUID recoveryId, AccountId by, Instant at, List<RecoveryAlert> alerts) {
        return tx.inTransaction("cancel recovery " + recoveryId, h -> {
            int n = h.createUpdate("""
                    UPDATE recovery_request SET cancelled_at = :at, cancelled_by = :by
                    WHERE id = :id AND completed_at IS NULL AND cancelled_at IS NULL""").bind("at", Sql.ts(at))
                    .bind("by", by.value()).bind("id", recoveryId).execute();
            if (n == 1) {
                RecoveryAlerts.insert(h, alerts);
            }
            return n == 1;
        });
    }

    @Override
    public List<RecoveryAlert> alertsFor(AccountId recipient, int limit) {
        return tx.inTransaction("read the recovery alerts of " + recipient, h -> RecoveryAlerts.of(h, recipient,
                limit));
    }

    @Override
    public Optional<RecoveryRequest> find(UUID id) {
        return tx.inTransaction("find recovery " + id,
                h -> h.createQuery("SELECT * FROM recovery_request WHERE id = :id").bind("id", id)
                        .map((rs, ctx) -> request(rs)).findOne());
    }

    @Override
    public List<SealedShare> approvals(UUID recoveryId) {
        return tx.inTransaction("read approvals of " + recoveryId, h -> h.createQuery("""
                SELECT r.patient, a.guardian, a.x, a.resealed FROM recovery_approval a
                JOIN recovery_request r ON r.id = a.recovery WHERE a.recovery = :id ORDER BY a.approved_at, a.x""")
                .bind("id", recoveryId)
                .map((rs, ctx) -> new SealedShare(new AccountId(Sql.uuid(rs, "patient")),
                        new AccountId(Sql.uuid(rs, "guardian")), rs.getInt("x"), rs.getBytes("resealed")))
                .list());
    }

    @Override
    public void saveApproval(UUID recoveryId, SealedShare resealed, String txHash, Instant at,
            List<RecoveryAlert> alerts) {
        tx.inTransaction("save an approval of " + recoveryId, h -> {
            int n = h.createUpdate("""
                    INSERT INTO recovery_approval (recovery, guardian, x, resealed, tx_hash, approved_at)
                    VALUES (:id, :g, :x, :resealed, NULLIF(:tx, ''), :at) ON CONFLICT DO NOTHING""")
                    .bind("id", recoveryId).bind("g", resealed.holder().value()).bind("x", resealed.x())
                    .bind("resealed", resealed.sealed()).bind("tx", txHash).bind("at", Sql.ts(at)).execute();
            if (n == 1) {
                RecoveryAlerts.insert(h, alerts);
            }
            return null;
        });
    }

    @Override
    public List<PatientWrap> patientWraps(AccountId patient) {
        return tx.inTransaction("read the wrapped keys of " + patient, h -> h.createQuery("""
                SELECT id, category, wrapped_key_patient FROM sealed_record WHERE patient = :p ORDER BY seq""")
                .bind("p", patient.value())
                .map((rs, ctx) -> new PatientWrap(new RecordId(Sql.uuid(rs, "id")),
                        Category.valueOf(rs.getString("category")), rs.getBytes("wrapped_key_patient")))
                .list());
    }

    @Override
    public int replaceWraps(AccountId patient, Map<RecordId, byte[]> expectedOld, Map<RecordId, byte[]> replacement) {
        return tx.inTransaction("re-wrap late records of " + patient, h -> {
            int n = 0;
            for (Map.Entry<RecordId, byte[]> e : replacement.entrySet()) {
                n += h.createUpdate("""
                        UPDATE sealed_record SET wrapped_key_patient = :w
                        WHERE id = :id AND patient = :p AND wrapped_key_patient = :old""").bind("w", e.getValue())
                        .bind("id", e.getKey().value()).bind("p", patient.value())
                        .bind("old", expectedOld.get(e.getKey())).execute();
            }
            return n;
        });
    }

    @Override
    public boolean complete(Completion c) {
        return tx.inTransaction("complete recovery " + c.recoveryId(), h -> {
            boolean closed = h.createQuery("""
                    SELECT completed_at IS NOT NULL OR cancelled_at IS NOT NULL FROM recovery_request
                    WHERE id = :id FOR UPDATE""").bind("id", c.recoveryId()).mapTo(Boolean.class).one();
            if (closed) {
                return false;
            }
            h.createQuery("SELECT id FROM account WHERE id = :p FOR UPDATE").bind("p", c.patient().value())
                    .mapTo(UUID.class).one();
            Set<UUID> current = new HashSet<>(h.createQuery("SELECT id FROM sealed_record WHERE patient = :p")
                    .bind("p", c.patient().value()).mapTo(UUID.class).list());
            Set<UUID> rewrapped = new HashSet<>();
            c.rewrapped().keySet().forEach(r -> rewrapped.add(r.value()));
            if (!current.equals(rewrapped)) {
                return false;
            }
            var batch = h
                    .prepareBatch("UPDATE sealed_record SET wrapped_key_patient = :w WHERE id = :id AND patient = :p");
            for (Map.Entry<RecordId, byte[]> e : c.rewrapped().entrySet()) {
                batch.bind("w", e.getValue()).bind("id", e.getKey().value()).bind("p", c.patient().value()).add();
            }
            if (!c.rewrapped().isEmpty()) {
                batch.execute();
            }
            h.createUpdate("""
                    UPDATE account SET encryption_public_key = :pub, sealed_encryption_key = :sealed,
                        api_token_hash = :token WHERE id = :p""").bind("pub", c.newPublicKey())
                    .bind("sealed", c.newSealedPrivateKey()).bind("token", c.newApiTokenHash().bytes())
                    .bind("p", c.patient().value()).execute();
            h.createUpdate("DELETE FROM recovery_guardian_set WHERE patient = :p").bind("p", c.patient().value())
                    .execute();
            h.createUpdate("UPDATE recovery_request SET completed_at = :at WHERE id = :id")
                    .bind("at", Sql.ts(c.at())).bind("id", c.recoveryId()).execute();
            RecoveryAlerts.insert(h, c.alerts());
            return true;
        });
    }

    private static RecoveryRequest request(ResultSet rs) throws SQLException {
        return new RecoveryRequest(Sql.uuid(rs, "id"), new AccountId(Sql.uuid(rs, "patient")),
                rs.getLong("chain_request_id"), rs.getLong("epoch"), rs.getBytes("new_public_key"),
                Optional.ofNullable(rs.getBytes("new_sealed_key")).orElse(new byte[0]),
                Hash32.of(rs.getBytes("claim_hash")), rs.getString("open_tx"),
                Sql.instant(rs, "opened_at"), Optional.ofNullable(Sql.uuid(rs, "opened_by")).map(AccountId::new),
                Optional.ofNullable(Sql.instant(rs, "completed_at")),
                Optional.ofNullable(Sql.instant(rs, "cancelled_at")),
                Optional.ofNullable(Sql.uuid(rs, "cancelled_by")).map(AccountId::new),
                Optional.ofNullable(rs.getString("new_address")).map(EvmAddress::new));
    }
}
