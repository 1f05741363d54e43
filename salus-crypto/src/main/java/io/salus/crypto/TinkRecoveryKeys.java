package io.salus.crypto;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.recovery.RecoveryKeys;
import io.salus.crypto.internal.AccountKeyPairs;
import io.salus.crypto.internal.Hpke;
import io.salus.crypto.internal.HpkeSender;
import io.salus.crypto.internal.Kek;
import io.salus.crypto.internal.SealedAccountKey;
import io.salus.crypto.internal.SealedAccountKey.Role;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * {@link RecoveryKeys} with the node's KEK and the same HPKE suite as records (RFC 9180 base mode, DHKEM(X25519,
 * HKDF-SHA256), HKDF-SHA256, AES-256-GCM; the context is the HPKE info). New encryption keys are sealed under the KEK
 * bound to their owner's address, exactly like account keys. Thread-safe: immutable state, shared Tink primitives.
 */
public final class TinkRecoveryKeys implements RecoveryKeys {
    private final TinkKeyManager keys;
    private final Kek kek;
    private final HpkeSender hpke;

    private TinkRecoveryKeys(TinkKeyManager keys) {
        this.keys = keys;
        this.kek = keys.kek();
        this.hpke = new HpkeSender(keys.random());
    }

    public static TinkRecoveryKeys of(TinkKeyManager keys) {
        return new TinkRecoveryKeys(keys);
    }

    @Override
    public Result<byte[]> unsealEncryptionKey(byte[] sealedPrivateKey) {
        return keys.unsealEncryptionKey(sealedPrivateKey);
    }

    @Override
    public byte[] seal(byte[] recipientPublicKey, byte[] plaintext, byte[] context) {
        if (recipientPublicKey.length != Hpke.KEY_BYTES) {
            throw new IllegalArgumentException("an X25519 public key is 32 bytes");
        }
        try {
            return hpke.encrypt(recipientPublicKey, plaintext, context);
        } catch (GeneralSecurityException e) {
            throw new SalusException("HPKE sealing failed", e);
        }
    }

    @Override
    public Result<byte[]> open(byte[] sealedPrivateKey, byte[] ciphertext, byte[] context) {
        Result<byte[]> unsealed = keys.unsealEncryptionKey(sealedPrivateKey);
        if (!(unsealed instanceof Result.Ok<byte[]> ok)) {
            return unsealed.propagate();
        }
        byte[] privateKey = ok.value();
        try {
            return Result.ok(Hpke.decrypt(privateKey, AccountKeyPairs.encryptionPublicKey(privateKey), ciphertext,
                    context));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Result.fail(ErrorCode.RECOVERY_SHARE_TAMPERED, "a sealed share does not open with its holder's "
                    + "key in its context");
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    @Override
    public byte[] publicKey(byte[] privateKey) {
        return AccountKeyPairs.encryptionPublicKey(privateKey);
    }

    @Override
    public NewKey newEncryptionKey(EvmAddress owner) {
        AccountKeyPairs.Pair pair = AccountKeyPairs.newEncryptionKey(keys.random());
        try {
            return new NewKey(pair.publicKey(),
                    SealedAccountKey.seal(kek, Role.ENCRYPTION, owner, pair.privateKey()).encode());
        } catch (GeneralSecurityException e) {
            throw new SalusException("sealing a new encryption key failed", e);
        } finally {
            Arrays.fill(pair.privateKey(), (byte) 0);
        }
    }

    @Override
    public Result<byte[]> rewrap(byte[] oldPrivateKey, byte[] wrappedForPatient, byte[] associatedData,
            byte[] newPublicKey) {
        byte[] dataKey = null;
        try {
            dataKey = Hpke.decrypt(oldPrivateKey, AccountKeyPairs.encryptionPublicKey(oldPrivateKey),
                    wrappedForPatient, associatedData);
            return Result.ok(hpke.encrypt(newPublicKey, dataKey, associatedData));
        } catch (GeneralSecurityException e) {
            return Result.fail(ErrorCode.RECORD_TAMPERED, "a patient-wrapped data key does not open");
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }
}
