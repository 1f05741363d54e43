package io.salus.core.usecase.consent;

import io.salus.core.account.Account;
import io.salus.core.account.CustodyMode;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import io.salus.core.port.ConsentLedger;
import io.salus.core.port.DigestSigner;
import io.salus.core.port.KeyManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Prepares EIP-712 instructions (nonce, deadline, digest) and, for custodial accounts, signs them with the account's
 * key, which is decrypted only for the signature and wiped after; a self-custodied account is refused
 * ({@code SELF_CUSTODY_NODE_CANNOT_SIGN}): the node holds no key of theirs. Thread-safe.
 */
public final class CustodialSigner {
    static final Duration DEADLINE = Duration.ofMinutes(10);
    private final AccountStore accounts;
    private final KeyManager keys;
    private final DigestSigner signer;
    private final ConsentLedger ledger;
    private final Clock clock;

    public CustodialSigner(AccountStore accounts, KeyManager keys, DigestSigner signer, ConsentLedger ledger,
            Clock clock) {
        this.accounts = accounts;
        this.keys = keys;
        this.signer = signer;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * An unsigned instruction ready for a client to sign: its nonce and deadline, the digest to sign, and the same as
     * EIP-712 typed data for a wallet ({@code eth_signTypedData_v4}: types, primaryType, domain, message), whose hash
     * is the digest.
     */
    public record Prepared<T>(Signed<T> unsigned, Hash32 digest, Map<String, Object> typedData) {
    }

    public <T> Prepared<T> prepare(T payload, EvmAddress signerAddress) {
        long nonce = ledger.nextNonce(signerAddress, payload.getClass());
        Instant deadline = Instant.ofEpochSecond(clock.instant().plus(DEADLINE).getEpochSecond());
        Signed<T> unsigned = new Signed<>(payload, signerAddress, nonce, deadline, new byte[0]);
        return new Prepared<>(unsigned, ledger.digest(unsigned), ledger.typedData(unsigned));
    }

    public <T> Result<Signed<T>> sign(Account actor, T payload) {
        if (accounts.custodyOf(actor.id()) == CustodyMode.SELF) {
            return Result.fail(ErrorCode.SELF_CUSTODY_NODE_CANNOT_SIGN,
                    "account " + actor.id() + " holds its own keys: sign the typed data of /consents/prepare on the "
                            + "device and send it to /consents/signed");
        }
        Optional<AccountStore.SealedKeys> sealed = accounts.sealedKeys(actor.id());
        if (sealed.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the node holds no key for this account");
        }
        Prepared<T> p = prepare(payload, actor.address());
        return keys.unsealSigningKey(actor.address(), sealed.get().signingPrivateKey()).map(key -> {
            try {
                Signed<T> u = p.unsigned();
                return new Signed<>(u.payload(), u.signer(), u.nonce(), u.deadline(), signer.sign(p.digest(), key));
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        });
    }
}
