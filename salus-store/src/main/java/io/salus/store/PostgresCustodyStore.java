package io.salus.store;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.CustodyMode;
import io.salus.core.account.EvmAddress;
import io.salus.core.custody.CustodyStore;
import io.salus.core.custody.DeviceRecovered;
import io.salus.core.custody.NodeHoldings;
import io.salus.core.custody.TakeOver;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.record.RecordId;
import io.salus.store.internal.OutboxRows;
import io.salus.store.internal.RecoveryAlerts;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Self-custodied accounts in PostgreSQL (migration V70): the row has the address and the X25519 public key, and no
 * signing public key or private key at all (a check constraint refuses one). Taking custody switches an agent-held
 * account to that shape in one transaction: data keys re-wrapped, address and keys replaced, the node's sealed private
 * keys deleted, the rotation and the new registration enqueued. Thread-safe.
 */
public final class PostgresCustodyStore implements CustodyStore {
    private final Transactions tx;
    private final Clock clock;

    public PostgresCustodyStore(Jdbi jdbi, Clock clock) {
        this.tx = new Transactions(jdbi);
        this.clock = clock;
    }

    @Override
    public boolean createSelfCustodied(Account a, Hash32 apiTokenHash, OutboxMessage registration,
            Optional<Hash32> invitation, Instant now) {
        return tx.inTransaction("create self-custodied account " + a.id(), h -> {
            if (invitation.isPresent() && h.createUpdate("""
                    UPDATE custody_invitation SET used_at = :now
                    WHERE code_hash = :h AND used_at IS NULL AND expires_at > :now""")
                    .bind("h", invitation.get().bytes()).bind("now", Sql.ts(now)).execute() == 0) {
                return false;
            }
            h.createUpdate("""
                    INSERT INTO account (id, kind, display_name, address, did, encryption_public_key, api_token_hash,
                        created_at, custody)
                    VALUES (:id, :kind, :name, :address, :did, :encKey, :token, :createdAt, 'SELF')""")
                    .bind("id", a.id().value())
                    .bind("kind", a.kind().name())
                    .bind("name", a.displayName())
                    .bind("address", a.address().hex())
                    .bind("did", a.did())
                    .bind("encKey", a.encryptionPublicKey())
                    .bind("token", apiTokenHash.bytes())
                    .bind("createdAt", Sql.ts(a.createdAt()))
                    .execute();
            invitation.ifPresent(i -> h.createUpdate("UPDATE custody_invitation SET used_by = :a WHERE code_hash = :h")
                    .bind("a", a.id().value()).bind("h", i.bytes()).execute());
            OutboxRows.enqueue(h, registration, clock.instant());
            return true;
        });
    }

    @Override
    public void createInvitation(Hash32 codeHash, Instant createdAt, Instant expiresAt) {
        tx.inTransaction("create custody invitation", h -> h.createUpdate("""
                INSERT INTO custody_invitation (code_hash, created_at, expires_at) VALUES (:h, :c, :e)""")
                .bind("h", codeHash.bytes()).bind("c", Sql.ts(createdAt)).bind("e", Sql.ts(expiresAt)).execute());
    }

    @Override
    public Optional<NodeHoldings> holdings(AccountId account) {
        return tx.inTransaction("read holdings", h -> h.createQuery("""
                SELECT custody, address, encryption_public_key, signing_public_key,
                    sealed_signing_key IS NOT NULL AS holds_signing, sealed_encryption_key IS NOT NULL AS holds_enc
                FROM account WHERE id = :id""")
                .bind("id", account.value())
                .map((rs, ctx) -> new NodeHoldings(account, CustodyMode.valueOf(rs.getString("custody")),
                        new EvmAddress(rs.getString("address")), rs.getBytes("encryption_public_key"),
                        Optional.ofNullable(rs.getBytes("signing_public_key")), rs.getBoolean("holds_signing"),
                        rs.getBoolean("holds_enc")))
                .findOne());
    }

    @Override
    public boolean takeCustody(TakeOver t) {
        return tx.inTransaction("take custody " + t.account(), h -> {
            Optional<String> custody = h.createQuery("SELECT custody FROM account WHERE id = :id FOR UPDATE")
                    .bind("id", t.account().value()).mapTo(String.class).findOne();
            if (custody.isEmpty() || !custody.get().equals("AGENT")) {
                return false;
            }
            if (!rewrapsExactly(h, t.account(), t.rewrapped().keySet())) {
                return false;
            }
            rewrap(h, t.account(), t.rewrapped());
            h.createUpdate("""
                    UPDATE account SET address = :address, did = :did, encryption_public_key = :enc,
                        signing_public_key = NULL, sealed_signing_key = NULL, sealed_encryption_key = NULL,
                        custody = 'SELF', registered_tx_hash = NULL
                    WHERE id = :id""")
                    .bind("address", t.newAddress().hex()).bind("did", t.newDid())
                    .bind("enc", t.newEncryptionPublicKey()).bind("id", t.account().value()).execute();
            OutboxRows.enqueue(h, t.rotation(), clock.instant());
            OutboxRows.enqueue(h, t.registration(), clock.instant());
            return true;
        });
    }

    @Override
    public boolean recoverOnDevice(DeviceRecovered d) {
        return tx.inTransaction("recover " + d.account() + " on a new device", h -> {
            boolean closed = h.createQuery("""
                    SELECT completed_at IS NOT NULL OR cancelled_at IS NOT NULL FROM recovery_request
                    WHERE id = :id AND patient = :p FOR UPDATE""").bind("id", d.recoveryId())
                    .bind("p", d.account().value()).mapTo(Boolean.class).findOne().orElse(true);
            Optional<String> custody = h.createQuery("""
                    SELECT custody FROM account WHERE id = :id AND address = :old FOR UPDATE""")
                    .bind("id", d.account().value()).bind("old", d.oldAddress().hex()).mapTo(String.class)
                    .findOne();
            if (closed || custody.isEmpty() || !custody.get().equals("SELF")
                    || !rewrapsExactly(h, d.account(), d.rewrapped().keySet())) {
                return false;
            }
            rewrap(h, d.account(), d.rewrapped());
            h.createUpdate("""
                    UPDATE account SET address = :address, did = :did, encryption_public_key = :enc,
                        api_token_hash = :token, registered_tx_hash = NULL
                    WHERE id = :id""")
                    .bind("address", d.newAddress().hex()).bind("did", d.newDid())
                    .bind("enc", d.newEncryptionPublicKey()).bind("token", d.apiTokenHash().bytes())
                    .bind("id", d.account().value()).execute();
            h.createUpdate("DELETE FROM recovery_guardian_set WHERE patient = :p").bind("p", d.account().value())
                    .execute();
            h.createUpdate("UPDATE recovery_request SET completed_at = :at WHERE id = :id")
                    .bind("at", Sql.ts(d.at())).bind("id", d.recoveryId()).execute();
            RecoveryAlerts.insert(h, d.alerts());
            OutboxRows.enqueue(h, d.rotation(), clock.instant());
            OutboxRows.enqueue(h, d.registration(), clock.instant());
            return true;
        });
    }

    private static boolean rewrapsExactly(Handle h, AccountId account, Set<RecordId> rewrapped) {
        Set<UUID> current = new HashSet<>(h.createQuery("SELECT id FROM sealed_record WHERE patient = :p")
                .bind("p", account.value()).mapTo(UUID.class).list());
        Set<UUID> given = new HashSet<>();
        rewrapped.forEach(r -> given.add(r.value()));
        return current.equals(given);
    }

    private static void rewrap(Handle h, AccountId account, Map<RecordId, byte[]> rewrapped) {
        if (!rewrapped.isEmpty()) {
            PreparedBatch batch = h.prepareBatch(
                    "UPDATE sealed_record SET wrapped_key_patient = :w WHERE id = :id AND patient = :p");
            rewrapped.forEach((id, w) -> batch.bind("w", w).bind("id", id.value()).bind("p", account.value()).add());
            batch.execute();
        }
    }
}
