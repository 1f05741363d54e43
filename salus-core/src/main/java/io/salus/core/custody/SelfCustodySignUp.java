package io.salus.core.custody;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.ApiToken;
import io.salus.core.account.Did;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.AccountStore;
import io.salus.core.usecase.AccountService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a self-custodied patient account from public keys generated on the patient's device: the address is the
 * wallet's, proven by a signature of {@link SignUpProof}; the node keeps the address and the X25519 public key only.
 * The account reaches the IdentityRegistry through the same registration outbox as any other. Thread-safe.
 */
public final class SelfCustodySignUp {
    static final Duration INVITATION_VALIDITY = Duration.ofDays(7);
    private final CustodyStore custody;
    private final AccountStore accounts;
    private final AddressRecovery recovery;
    private final long chainId;
    private final Clock clock;
    private final SecureRandom random;

    public SelfCustodySignUp(CustodyStore custody, AccountStore accounts, AddressRecovery recovery, long chainId,
            Clock clock, SecureRandom random) {
        this.custody = custody;
        this.accounts = accounts;
        this.recovery = recovery;
        this.chainId = chainId;
        this.clock = clock;
        this.random = random;
    }

    public long chainId() {
        return chainId;
    }

    /** A one-time invitation for a patient to open a self-custodied account from their own device. */
    public record Invitation(String code, Instant expiresAt) {
    }

    /** A new invitation code, valid for {@link #INVITATION_VALIDITY}; only its hash is kept. */
    public Invitation invite() {
        String code = ApiToken.generate(random);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expires = now.plus(INVITATION_VALIDITY);
        custody.createInvitation(ApiToken.hash(code), now, expires);
        return new Invitation(code, expires);
    }

    /** {@link #open(String, EvmAddress, byte[], byte[], Optional)} with the operator's authority (no invitation). */
    public Result<AccountService.Opened> open(String displayName, EvmAddress address, byte[] encryptionPublicKey,
            byte[] proof) {
        return open(displayName, address, encryptionPublicKey, proof, Optional.empty());
    }

    /**
     * {@code INVALID_REQUEST} for a bad name or key, {@code CUSTODY_PROOF_INVALID} unless {@code proof} is the
     * wallet's signature of {@link SignUpProof#digest}, {@code CUSTODY_ADDRESS_TAKEN} when an account has the address;
     * with an invitation code, {@code CUSTODY_INVITATION_INVALID} unless it is unused and unexpired.
     */
    public Result<AccountService.Opened> open(String displayName, EvmAddress address, byte[] encryptionPublicKey,
            byte[] proof, Optional<String> invitation) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "displayName must be 1 to 200 printable characters");
        }
        if (encryptionPublicKey == null || encryptionPublicKey.length != 32) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "encryptionPublicKey must be 32 bytes (X25519)");
        }
        Hash32 digest = SignUpProof.digest(chainId, address, encryptionPublicKey);
        Result<EvmAddress> signer = recovery.recover(digest, proof == null ? new byte[0] : proof);
        if (!(signer instanceof Result.Ok<EvmAddress> ok) || !ok.value().equals(address)) {
            return Result.fail(ErrorCode.CUSTODY_PROOF_INVALID,
                    "the proof is not the wallet's signature of the sign-up digest " + digest.hex());
        }
        if (accounts.findByAddress(address).isPresent()) {
            return Result.fail(ErrorCode.CUSTODY_ADDRESS_TAKEN, "an account already has the address " + address);
        }
        Account account = new Account(AccountId.random(), AccountKind.PATIENT, name, address,
                Did.pkh(chainId, address), encryptionPublicKey.clone(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        String token = ApiToken.generate(random);
        OutboxMessage registration = new OutboxMessage(OutboxKinds.REGISTER_ACCOUNT, account.id().toString(),
                Map.of("accountId", account.id().toString(), "address", address.hex(), "kind",
                        AccountKind.PATIENT.name()));
        if (invitation.isPresent() && !ApiToken.wellFormed(invitation.get())) {
            return Result.fail(ErrorCode.CUSTODY_INVITATION_INVALID, "not an invitation code");
        }
        if (!custody.createSelfCustodied(account, ApiToken.hash(token), registration,
                invitation.map(ApiToken::hash), clock.instant())) {
            return Result.fail(ErrorCode.CUSTODY_INVITATION_INVALID, "the invitation is unknown, used or expired");
        }
        return Result.ok(new AccountService.Opened(account, token));
    }
}
