package io.salus.core.port;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.CustodyMode;
import io.salus.core.account.EvmAddress;
import io.salus.core.account.NewAccount;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Accounts, their encrypted keys, API token hashes and care relationships (PostgreSQL). Thread-safe. */
public interface AccountStore {

    /** Stores the account and its registration outbox message in one transaction. */
    void create(NewAccount account, OutboxMessage registration);

    Optional<Account> find(AccountId id);

    Optional<Account> findByAddress(EvmAddress address);

    /** The accounts with these ids, in one read (a deal's steps read all their patients this way); unknown ids absent. */
    Map<AccountId, Account> findAll(Collection<AccountId> ids);

    /** The accounts with these addresses, in one read; unknown addresses absent. */
    Map<EvmAddress, Account> findAllByAddress(Collection<EvmAddress> addresses);

    Optional<Account> findByApiTokenHash(Hash32 tokenHash);

    List<Account> list(Optional<AccountKind> kind);

    /** The KEK-encrypted private keys of an account. */
    Optional<SealedKeys> sealedKeys(AccountId id);

    /** Who holds the account's private keys ({@code AGENT} for an unknown account: nothing is decided by it). */
    CustodyMode custodyOf(AccountId id);

    void markRegistered(AccountId id, String txHash);

    boolean isRegistered(AccountId id);

    /** Marks many accounts registered, each with the transaction that registered it, in one transaction. */
    void markAllRegistered(Map<AccountId, String> txHashes);

    /** Records that a provider cares for a patient and may deposit for them. Idempotent. */
    void linkProvider(AccountId patient, AccountId provider);

    boolean caresFor(AccountId provider, AccountId patient);

    record SealedKeys(byte[] signingPrivateKey, byte[] encryptionPrivateKey) {
    }
}
