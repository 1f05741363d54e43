package io.salus.core.recovery;

import io.salus.core.account.Account;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.port.DigestSigner;
import io.salus.core.port.KeyManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Signs recovery instructions with a custodial account's key (decrypted only for the signature, wiped after), with the
 * signer's next nonce on the recovery contract and a ten-minute deadline. Thread-safe.
 */
final class RecoverySigner {
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    private final AccountStore accounts;
    private final KeyManager keys;
    private final DigestSigner signer;
    private final RecoveryLedger ledger;
    private final Clock clock;

    RecoverySigner(AccountStore accounts, KeyManager keys, DigestSigner signer, RecoveryLedger ledger, Clock clock) {
        this.accounts = accounts;
        this.keys = keys;
        this.signer = signer;
        this.ledger = ledger;
        this.clock = clock;
    }

    <T> Result<Signed<T>> sign(Account actor, T payload) {
        var sealed = accounts.sealedKeys(actor.id());
        if (sealed.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the node holds no key for " + actor.id());
        }
        long nonce = ledger.nextNonce(actor.address());
        Instant deadline = Instant.ofEpochSecond(clock.instant().plus(DEADLINE).getEpochSecond());
        Signed<T> unsigned = new Signed<>(payload, actor.address(), nonce, deadline, new byte[0]);
        return keys.unsealSigningKey(actor.address(), sealed.get().signingPrivateKey()).map(key -> {
            try {
                return new Signed<>(payload, actor.address(), nonce, deadline,
                        signer.sign(ledger.digest(unsigned), key));
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        });
    }
}
