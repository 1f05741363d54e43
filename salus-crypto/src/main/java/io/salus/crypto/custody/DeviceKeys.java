package io.salus.crypto.custody;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.crypto.internal.AccountKeyPairs;
import io.salus.crypto.internal.Hpke;
import io.salus.crypto.internal.RawAesGcm;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A self-custodied patient's keys on their own device: the secp256k1 signing key (its address is the account's) and
 * the X25519 key data keys are wrapped to. Opens the patient's own records with the same HPKE and AES-256-GCM as the
 * node seals them. Not thread-safe; {@link #close} wipes the private keys.
 */
public final class DeviceKeys implements AutoCloseable {
    static final int KEY_BYTES = 32;
    private final byte[] signing;
    private final byte[] encryption;
    private final EvmAddress address;
    private final byte[] encryptionPublicKey;

    private DeviceKeys(byte[] signing, byte[] encryption) {
        this.signing = signing;
        this.encryption = encryption;
        this.address = AccountKeyPairs.address(AccountKeyPairs.signingPublicKey(signing));
        this.encryptionPublicKey = AccountKeyPairs.encryptionPublicKey(encryption);
    }

    public static DeviceKeys generate(SecureRandom random) {
        return new DeviceKeys(AccountKeyPairs.newSigningKey(random).privateKey(),
                AccountKeyPairs.newEncryptionKey(random).privateKey());
    }

    /** From raw private keys (copied): a 32-byte secp256k1 key and a 32-byte X25519 key. */
    public static DeviceKeys of(byte[] signingPrivateKey, byte[] encryptionPrivateKey) {
        if (encryptionPrivateKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("an X25519 private key is 32 bytes");
        }
        return new DeviceKeys(signingPrivateKey.clone(), encryptionPrivateKey.clone());
    }

    public EvmAddress address() {
        return address;
    }

    public byte[] encryptionPublicKey() {
        return encryptionPublicKey.clone();
    }

    /** A copy of the signing key for one signature; the caller wipes it. */
    public byte[] signingPrivateKey() {
        return signing.clone();
    }

    byte[] encryptionPrivateKey() {
        return encryption.clone();
    }

    /**
     * Opens a record sealed to this patient: the data key from {@code wrappedKey} (HPKE, info = associated data), then
     * the ciphertext (AES-256-GCM, same associated data). {@code RECORD_TAMPERED} if either does not open with this
     * key (altered, or sealed to another key).
     */
    public Result<byte[]> openRecord(byte[] ciphertext, byte[] wrappedKey, byte[] associatedData) {
        byte[] dataKey = null;
        try {
            dataKey = Hpke.decrypt(encryption, encryptionPublicKey, wrappedKey, associatedData);
            return Result.ok(RawAesGcm.aead(dataKey).decrypt(ciphertext, associatedData));
        } catch (GeneralSecurityException e) {
            return Result.fail(ErrorCode.RECORD_TAMPERED, "the record does not open with this device's key");
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }

    @Override
    public void close() {
        Arrays.fill(signing, (byte) 0);
        Arrays.fill(encryption, (byte) 0);
    }
}
