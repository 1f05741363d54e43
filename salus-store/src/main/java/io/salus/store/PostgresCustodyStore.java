package io.salus.store;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.CustodyMode;
import io.salus.core.account.EvmAddress;
import io.salus.core.custody.CustodyStore;
import io.salus.core.custody.NodeHoldings;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.store.internal.OutboxRows;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Self-custodied accounts in PostgreSQL (migration V70): the row has the address and the X25519 public key, and no
 * signing public key or private key at all (a check constraint refuses one). Thread-safe.
 */
public final class PostgresCustodyStore implements CustodyStore {
    private final Transactions tx;
    private final Clock clock;

    public PostgresCustodyStore(Jdbi jdbi, Clock clock) {
        this.tx = new Transactions(jdbi);
        this.clock = clock;
    }

    @Override
    public void createSelfCustodied(Account a, Hash32 apiTokenHash, OutboxMessage registration) {
        tx.inTransaction("create self-custodied account " + a.id(), h -> {
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
            OutboxRows.enqueue(h, registration, clock.instant());
            return null;
        });
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
}
