package io.salus.store;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.CustodyMode;
import io.salus.core.account.EvmAddress;
import io.salus.core.account.NewAccount;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.AccountStore;
import io.salus.store.internal.OutboxRows;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Accounts, their KEK-encrypted keys, API token hashes, care relationships and patient identifiers in PostgreSQL.
 * Outbox messages are stamped with the injected clock. Thread-safe.
 */
public final class PostgresAccountStore implements AccountStore {
    private static final String COLUMNS = "id, kind, display_name, address, did, encryption_public_key, created_at";
    private final Transactions tx;
    private final Clock clock;

    public PostgresAccountStore(Jdbi jdbi, Clock clock) {
        this.tx = new Transactions(jdbi);
        this.clock = clock;
    }

    @Override
    public void create(NewAccount account, OutboxMessage registration) {
        Account a = account.account();
        tx.inTransaction("create account " + a.id(), h -> {
            h.createUpdate("""
                    INSERT INTO account (id, kind, display_name, address, did, encryption_public_key,
                        signing_public_key, sealed_signing_key, sealed_encryption_key, api_token_hash, created_at)
                    VALUES (:id, :kind, :name, :address, :did, :encKey, :signKey, :sealedSign, :sealedEnc, :token,
                        :createdAt)""")
                    .bind("id", a.id().value())
                    .bind("kind", a.kind().name())
                    .bind("name", a.displayName())
                    .bind("address", a.address().hex())
                    .bind("did", a.did())
                    .bind("encKey", a.encryptionPublicKey())
                    .bind("signKey", account.keys().signingPublicKey())
                    .bind("sealedSign", account.keys().sealedSigningPrivateKey())
                    .bind("sealedEnc", account.keys().sealedEncryptionPrivateKey())
                    .bind("token", account.apiTokenHash().bytes())
                    .bind("createdAt", Sql.ts(a.createdAt()))
                    .execute();
            OutboxRows.enqueue(h, registration, clock.instant());
            return null;
        });
    }

    @Override
    public Optional<Account> find(AccountId id) {
        return one("find account", "id = :v", id.value());
    }

    @Override
    public Optional<Account> findByAddress(EvmAddress address) {
        return one("find account by address", "address = :v", address.hex());
    }

    @Override
    public Map<AccountId, Account> findAll(Collection<AccountId> ids) {
        Map<AccountId, Account> out = new HashMap<>();
        many("find accounts", "id = ANY(:v)", ids.stream().map(AccountId::value).distinct().toArray(UUID[]::new))
                .forEach(a -> out.put(a.id(), a));
        return out;
    }

    @Override
    public Map<EvmAddress, Account> findAllByAddress(Collection<EvmAddress> addresses) {
        Map<EvmAddress, Account> out = new HashMap<>();
        many("find accounts by address", "address = ANY(:v)",
                addresses.stream().map(EvmAddress::hex).distinct().toArray(String[]::new))
                .forEach(a -> out.put(a.address(), a));
        return out;
    }

    private List<Account> many(String what, String where, Object[] values) {
        if (values.length == 0) {
            return List.of();
        }
        return tx.inTransaction(what, h -> h.createQuery("SELECT " + COLUMNS + " FROM account WHERE " + where)
                .bind("v", values)
                .map((rs, ctx) -> account(rs))
                .list());
    }

    @Override
    public Optional<Account> findByApiTokenHash(Hash32 tokenHash) {
        return one("find account by token", "api_token_hash = :v", tokenHash.bytes());
    }

    @Override
    public List<Account> list(Optional<AccountKind> kind) {
        return tx.inTransaction("list accounts", h -> h.createQuery("SELECT " + COLUMNS
                + " FROM account WHERE (CAST(:kind AS text) IS NULL OR kind = :kind) ORDER BY created_at, id")
                .bind("kind", kind.map(Enum::name).orElse(null))
                .map((rs, ctx) -> account(rs))
                .list());
    }

    @Override
    public Optional<SealedKeys> sealedKeys(AccountId id) {
        return tx.inTransaction("read sealed keys", h -> h.createQuery(
                "SELECT sealed_signing_key, sealed_encryption_key FROM account WHERE id = :id AND custody = 'AGENT'")
                .bind("id", id.value())
                .map((rs, ctx) -> new SealedKeys(rs.getBytes(1), rs.getBytes(2)))
                .findOne());
    }

    @Override
    public CustodyMode custodyOf(AccountId id) {
        return tx.inTransaction("read custody", h -> h.createQuery("SELECT custody FROM account WHERE id = :id")
                .bind("id", id.value())
                .mapTo(String.class)
                .findOne()
                .map(CustodyMode::valueOf)
                .orElse(CustodyMode.AGENT));
    }

    @Override
    public void markRegistered(AccountId id, String txHash) {
        int n = tx.inTransaction("mark account registered", h -> h.createUpdate(
                "UPDATE account SET registered_tx_hash = :tx WHERE id = :id")
                .bind("id", id.value())
                .bind("tx", txHash)
                .execute());
        if (n == 0) {
            throw new SalusException("cannot mark unknown account " + id + " registered");
        }
    }

    @Override
    public void markAllRegistered(Map<AccountId, String> txHashes) {
        if (txHashes.isEmpty()) {
            return;
        }
        int n = tx.inTransaction("mark accounts registered", h -> {
            PreparedBatch batch = h.prepareBatch("UPDATE account SET registered_tx_hash = :tx WHERE id = :id");
            txHashes.forEach((id, hash) -> batch.bind("id", id.value()).bind("tx", hash).add());
            return IntStream.of(batch.execute()).sum();
        });
        if (n != txHashes.size()) {
            throw new SalusException("cannot mark unknown accounts registered (" + (txHashes.size() - n) + " of "
                    + txHashes.size() + ")");
        }
    }

    @Override
    public boolean isRegistered(AccountId id) {
        return tx.inTransaction("read registration", h -> h.createQuery(
                "SELECT registered_tx_hash IS NOT NULL FROM account WHERE id = :id")
                .bind("id", id.value())
                .mapTo(Boolean.class)
                .findOne()
                .orElse(false));
    }

    @Override
    public void linkProvider(AccountId patient, AccountId provider) {
        tx.inTransaction("link provider", h -> h.createUpdate("""
                INSERT INTO care_relationship (patient, provider) VALUES (:patient, :provider)
                ON CONFLICT DO NOTHING""")
                .bind("patient", patient.value())
                .bind("provider", provider.value())
                .execute());
    }

    @Override
    public boolean caresFor(AccountId provider, AccountId patient) {
        return tx.inTransaction("read care relationship", h -> h.createQuery(
                "SELECT EXISTS (SELECT 1 FROM care_relationship WHERE patient = :patient AND provider = :provider)")
                .bind("patient", patient.value())
                .bind("provider", provider.value())
                .mapTo(Boolean.class)
                .one());
    }

    private Optional<Account> one(String what, String where, Object value) {
        // one SELECT: no transaction around it (one round trip fewer on the deposit path, decision 0042)
        return tx.inStatement(what, h -> h.createQuery("SELECT " + COLUMNS + " FROM account WHERE " + where)
                .bind("v", value)
                .map((rs, ctx) -> account(rs))
                .findOne());
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(new AccountId(Sql.uuid(rs, "id")), AccountKind.valueOf(rs.getString("kind")),
                rs.getString("display_name"), new EvmAddress(rs.getString("address")), rs.getString("did"),
                rs.getBytes("encryption_public_key"), Sql.instant(rs, "created_at"));
    }
}
