package io.salus.core.usecase;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.ApiToken;
import io.salus.core.account.Did;
import io.salus.core.account.EvmAddress;
import io.salus.core.account.NewAccount;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.AccountStore;
import io.salus.core.port.KeyManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Opens accounts: a key pair and a DID each, stored with a registration outbox message so the account reaches the
 * IdentityRegistry exactly once even if the node dies right after. Authenticates bearer tokens. Thread-safe.
 */
public final class AccountService {
    private final AccountStore accounts;
    private final KeyManager keys;
    private final long chainId;
    private final Clock clock;
    private final SecureRandom random;

    public AccountService(AccountStore accounts, KeyManager keys, long chainId, Clock clock, SecureRandom random) {
        this.accounts = accounts;
        this.keys = keys;
        this.chainId = chainId;
        this.clock = clock;
        this.random = random;
    }

    /** A new account and its API token (shown once; only its hash is kept). */
    public record Opened(Account account, String apiToken) {
    }

    public Result<Opened> open(AccountKind kind, String displayName) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            return Result.fail(ErrorCode.INVALID_REQUEST,
                    "displayName must be 1 to 200 printable characters");
        }
        KeyManager.AccountKeys k = keys.newAccountKeys();
        Account account = new Account(AccountId.random(), kind, name, k.address(), Did.pkh(chainId, k.address()),
                k.encryptionPublicKey(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        String token = ApiToken.generate(random);
        OutboxMessage registration = new OutboxMessage(OutboxKinds.REGISTER_ACCOUNT, account.id().toString(),
                Map.of("accountId", account.id().toString(), "address", k.address().hex(), "kind", kind.name()));
        accounts.create(new NewAccount(account, k, ApiToken.hash(token)), registration);
        return Result.ok(new Opened(account, token));
    }

    public Optional<Account> authenticate(String bearerToken) {
        if (!ApiToken.wellFormed(bearerToken)) {
            return Optional.empty();
        }
        return accounts.findByApiTokenHash(ApiToken.hash(bearerToken));
    }

    /** The account a token hash authenticates today (portal sessions keep the hash, never the token). */
    public Optional<Account> byTokenHash(Hash32 tokenHash) {
        return accounts.findByApiTokenHash(tokenHash);
    }

    public Optional<Account> find(AccountId id) {
        return accounts.find(id);
    }

    /** An account's own private keys, decrypted to hand them to their owner. The caller wipes them after use. */
    public record ExportedKeys(EvmAddress address, byte[] signingPrivateKey, byte[] encryptionPrivateKey) {
    }

    /**
     * The caller's own signing and encryption private keys (key export: the owner signs and opens packages without the
     * node). {@code KEY_EXPORT_REFUSED} for operator and issuer accounts (an issuer's key signs credentials, and the
     * operator's bearer token must not carry a key anyone could use on chain); {@code KEY_UNAVAILABLE} when the node
     * holds no keys for the account or they do not unseal.
     */
    public Result<ExportedKeys> exportKeys(Account owner) {
        if (owner.kind() == AccountKind.OPERATOR || owner.kind() == AccountKind.ISSUER) {
            return Result.fail(ErrorCode.KEY_EXPORT_REFUSED, "a " + owner.kind() + " account's key stays in the node");
        }
        Optional<AccountStore.SealedKeys> sealed = accounts.sealedKeys(owner.id());
        if (sealed.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the node holds no key for this account");
        }
        return keys.unsealSigningKey(owner.address(), sealed.get().signingPrivateKey())
                .flatMap(signing -> keys.unsealEncryptionKey(sealed.get().encryptionPrivateKey())
                        .map(encryption -> new ExportedKeys(owner.address(), signing, encryption)));
    }

    /** A patient (or the operator) records that a provider cares for the patient. */
    public Result<Account> linkProvider(Account actor, AccountId patientId, AccountId providerId) {
        Optional<Account> patient = accounts.find(patientId);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + patientId);
        }
        if (patient.get().kind() != AccountKind.PATIENT) {
            return Result.fail(ErrorCode.NOT_A_PATIENT, "account " + patientId + " is not a patient");
        }
        if (!actor.id().equals(patientId) && actor.kind() != AccountKind.OPERATOR) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the patient or the operator may link a provider");
        }
        Optional<Account> provider = accounts.find(providerId);
        if (provider.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + providerId);
        }
        if (!provider.get().kind().isProvider()) {
            return Result.fail(ErrorCode.NOT_A_PROVIDER, "account " + providerId + " is not a provider");
        }
        accounts.linkProvider(patientId, providerId);
        return Result.ok(provider.get());
    }
}
