package io.salus.core.recovery;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.Result;

/**
 * The key operations of a recovery (port): HPKE sealing of shares to accounts' X25519 keys, opening them with a
 * KEK-sealed private key, new encryption keys sealed under the KEK, and re-wrapping a record's patient-wrapped data key
 * from an old private key to a new public key. Private keys handed out are wiped by the caller. Thread-safe.
 */
public interface RecoveryKeys {

    /** An account's X25519 private key (32 bytes) from its KEK-sealed form; {@code KEY_UNAVAILABLE} if it won't open. */
    Result<byte[]> unsealEncryptionKey(byte[] sealedPrivateKey);

    /** HPKE to {@code recipientPublicKey}, {@code context} bound as info. */
    byte[] seal(byte[] recipientPublicKey, byte[] plaintext, byte[] context);

    /** Opens {@link #seal}'s output with a KEK-sealed private key; {@code RECOVERY_SHARE_TAMPERED} if it won't. */
    Result<byte[]> open(byte[] sealedPrivateKey, byte[] ciphertext, byte[] context);

    /** The X25519 public key of a private key. */
    byte[] publicKey(byte[] privateKey);

    /** A fresh X25519 key pair for {@code owner}, the private half sealed under the KEK. */
    NewKey newEncryptionKey(EvmAddress owner);

    /**
     * A patient-wrapped data key opened with {@code oldPrivateKey} and wrapped again to {@code newPublicKey} (same
     * associated data); {@code RECORD_TAMPERED} if it does not open.
     */
    Result<byte[]> rewrap(byte[] oldPrivateKey, byte[] wrappedForPatient, byte[] associatedData, byte[] newPublicKey);

    record NewKey(byte[] publicKey, byte[] sealedPrivateKey) {
    }
}
