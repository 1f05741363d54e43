package io.salus.crypto;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.keys.KekRewrap;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.KeyManager;
import io.salus.core.port.KeyPurpose;
import io.salus.core.port.PackageOpener;
import io.salus.core.record.SealedRecord;
import io.salus.crypto.internal.AccountKeyPairs;
import io.salus.crypto.internal.DerivedKeys;
import io.salus.crypto.internal.Hpke;
import io.salus.crypto.internal.HpkeSender;
import io.salus.crypto.internal.Kek;
import io.salus.crypto.internal.RawAesGcm;
import io.salus.crypto.internal.SealedAccountKey;
import io.salus.crypto.internal.SealedAccountKey.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link KeyManager} with Tink and BouncyCastle. The KEK is a Tink AES-256-GCM keyset ({@link TinkKekStore} keeps it in
 * a file encrypted under a master key derived from the node's secret); its primitive is built once. Each
 * record gets a fresh AES-256-GCM data key, wrapped under the KEK (associated data bound to the record's) and to the
 * patient with HPKE (RFC 9180 base mode: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM; info = the record's
 * associated data). HPKE decryption is Tink's; HPKE encryption, on the deposit hot path, is a small RFC 9180
 * implementation on BouncyCastle's X25519 (about four times faster than Tink's pure-Java X25519) whose output Tink and
 * BouncyCastle's HPKE both open (tested).
 *
 * <p>
 * Thread-safe: all state is immutable; the Tink KEK primitive and {@link SecureRandom} are safe to share. Sealing
 * parses nothing and looks up nothing per call. An instance keeps the keyset it was opened with; a KEK rotated in its
 * file takes effect when the file is opened again.
 */
public final class TinkKeyManager implements KeyManager, PackageOpener, KekRewrap {
    private static final byte[] RECORD_AAD_PREFIX = "salus/record-key/1:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE_AAD_PREFIX = "salus/sealed-value/1:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECRET_AAD_PREFIX = "salus/secret/1|".getBytes(StandardCharsets.US_ASCII);

    private final Kek kek;
    private final SecureRandom random;
    private final HpkeSender hpke;
    private final DerivedKeys derived;

    private TinkKeyManager(Kek kek, SecureRandom random) {
        this.kek = kek;
        this.random = random;
        this.hpke = new HpkeSender(random);
        try {
            this.derived = DerivedKeys.of(kek);
        } catch (GeneralSecurityException e) {
            throw new SalusException("deriving the node's keys from the KEK failed", e);
        }
    }

    /** A key manager over an opened KEK ({@link TinkKekStore} opens the file). */
    static TinkKeyManager of(Kek kek, SecureRandom random) {
        return new TinkKeyManager(Objects.requireNonNull(kek, "kek"), Objects.requireNonNull(random, "random"));
    }

    /** The KEK and the random source, for the other key services of this node (recovery). */
    Kek kek() {
        return kek;
    }

    SecureRandom random() {
        return random;
    }

    /** The keys of the KEK this instance was opened with. */
    public KekStatus kekStatus() {
        return kek.status();
    }

    @Override
    public SealedRecord seal(byte[] plaintext, byte[] associatedData, byte[] patientEncryptionPublicKey) {
        try (RecordSealing sealing = sealing(patientEncryptionPublicKey)) {
            return sealing.seal(plaintext, associatedData);
        }
    }

    @Override
    public RecordSealing sealing(byte[] patientEncryptionPublicKey) {
        if (patientEncryptionPublicKey.length != Hpke.KEY_BYTES) {
            throw new IllegalArgumentException("a patient encryption public key is 32 bytes (X25519)");
        }
        HpkeSender.Session session;
        try {
            session = hpke.session(patientEncryptionPublicKey);
        } catch (GeneralSecurityException e) {
            throw new SalusException("sealing to the patient's key failed", e);
        }
        return new RecordSealing() {
            @Override
            public SealedRecord seal(byte[] plaintext, byte[] associatedData) {
                byte[] dataKey = new byte[RawAesGcm.KEY_BYTES];
                random.nextBytes(dataKey);
                try {
                    byte[] ciphertext = RawAesGcm.aead(dataKey).encrypt(plaintext, associatedData);
                    byte[] forNode = kek.encrypt(dataKey, recordAad(associatedData));
                    byte[] forPatient = session.encrypt(dataKey, associatedData);
                    return new SealedRecord(ciphertext, forNode, forPatient);
                } catch (GeneralSecurityException e) {
                    throw new SalusException("sealing a record failed", e);
                } finally {
                    Arrays.fill(dataKey, (byte) 0);
                }
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }

    @Override
    public Result<byte[]> open(SealedRecord sealed, byte[] associatedData) {
        byte[] dataKey = null;
        try {
            dataKey = kek.decrypt(sealed.wrappedKeyForNode(), recordAad(associatedData));
            return Result.ok(RawAesGcm.aead(dataKey).decrypt(sealed.ciphertext(), associatedData));
        } catch (GeneralSecurityException e) {
            return tampered();
        } finally {
            wipe(dataKey);
        }
    }

    @Override
    public Result<byte[]> openAsPatient(SealedRecord sealed, byte[] associatedData, byte[] sealedEncryptionPrivateKey) {
        Result<byte[]> unsealed = unsealEncryptionKey(sealedEncryptionPrivateKey);
        if (!(unsealed instanceof Result.Ok<byte[]> ok)) {
            return unsealed.propagate();
        }
        byte[] privateKey = ok.value();
        byte[] dataKey = null;
        try {
            dataKey = Hpke.decrypt(privateKey, AccountKeyPairs.encryptionPublicKey(privateKey),
                    sealed.wrappedKeyForPatient(), associatedData);
            return Result.ok(RawAesGcm.aead(dataKey).decrypt(sealed.ciphertext(), associatedData));
        } catch (GeneralSecurityException e) {
            return tampered();
        } finally {
            wipe(privateKey);
            wipe(dataKey);
        }
    }

    /**
     * Decrypts a data package ({@link PackageCrypto}) addressed to a custodial account, with its KEK-sealed encryption
     * private key; {@code out} appears only if the whole package verifies. {@code KEY_UNAVAILABLE} if the key does not
     * unseal or the package is for another key, {@code RECORD_TAMPERED} if the package was altered or truncated.
     */
    public Result<Long> openPackage(Path in, Path out, byte[] sealedEncryptionPrivateKey) {
        return withEncryptionKey(sealedEncryptionPrivateKey, key -> PackageCrypto.decrypt(in, out, key));
    }

    /** {@link #openPackage(Path, Path, byte[])} for a package held in memory. */
    @Override
    public Result<byte[]> openPackage(byte[] sealedPackage, byte[] sealedEncryptionPrivateKey) {
        return withEncryptionKey(sealedEncryptionPrivateKey, key -> PackageCrypto.decrypt(sealedPackage, key));
    }

    private <T> Result<T> withEncryptionKey(byte[] sealedEncryptionPrivateKey,
            java.util.function.Function<byte[], Result<T>> use) {
        Result<byte[]> unsealed = unsealEncryptionKey(sealedEncryptionPrivateKey);
        if (!(unsealed instanceof Result.Ok<byte[]> ok)) {
            return unsealed.propagate();
        }
        try {
            return use.apply(ok.value());
        } finally {
            wipe(ok.value());
        }
    }

    @Override
    public Result<byte[]> unsealEncryptionKey(byte[] sealedEncryptionPrivateKey) {
        Optional<SealedAccountKey> key = SealedAccountKey.decode(sealedEncryptionPrivateKey)
                .filter(k -> k.role() == Role.ENCRYPTION);
        if (key.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "not a sealed encryption key");
        }
        try {
            return Result.ok(key.get().open(kek));
        } catch (GeneralSecurityException e) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the account's encryption key does not open under the KEK");
        }
    }

    @Override
    public AccountKeys newAccountKeys() {
        AccountKeyPairs.Pair signing = AccountKeyPairs.newSigningKey(random);
        AccountKeyPairs.Pair encryption = AccountKeyPairs.newEncryptionKey(random);
        EvmAddress address = AccountKeyPairs.address(signing.publicKey());
        try {
            byte[] sealedSigning = SealedAccountKey.seal(kek, Role.SIGNING, address, signing.privateKey()).encode();
            byte[] sealedEncryption = SealedAccountKey.seal(kek, Role.ENCRYPTION, address, encryption.privateKey())
                    .encode();
            return new AccountKeys(address, signing.publicKey(), encryption.publicKey(), sealedSigning,
                    sealedEncryption);
        } catch (GeneralSecurityException e) {
            throw new SalusException("sealing account keys failed", e);
        } finally {
            wipe(signing.privateKey());
            wipe(encryption.privateKey());
        }
    }

    @Override
    public AccountKeys importAccountKeys(byte[] signingPrivateKey, byte[] encryptionPrivateKey) {
        byte[] signingPublic = AccountKeyPairs.signingPublicKey(signingPrivateKey);
        EvmAddress address = AccountKeyPairs.address(signingPublic);
        try {
            return new AccountKeys(address, signingPublic, AccountKeyPairs.encryptionPublicKey(encryptionPrivateKey),
                    SealedAccountKey.seal(kek, Role.SIGNING, address, signingPrivateKey).encode(),
                    SealedAccountKey.seal(kek, Role.ENCRYPTION, address, encryptionPrivateKey).encode());
        } catch (GeneralSecurityException e) {
            throw new SalusException("sealing imported account keys failed", e);
        }
    }

    @Override
    public Result<byte[]> unsealSigningKey(EvmAddress address, byte[] sealedSigningPrivateKey) {
        Optional<SealedAccountKey> key = SealedAccountKey.decode(sealedSigningPrivateKey)
                .filter(k -> k.role() == Role.SIGNING && k.address().equals(address));
        if (key.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "not a sealed signing key for " + address);
        }
        try {
            byte[] privateKey = key.get().open(kek);
            if (!AccountKeyPairs.address(AccountKeyPairs.signingPublicKey(privateKey)).equals(address)) {
                wipe(privateKey);
                return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the sealed signing key is not " + address + "'s");
            }
            return Result.ok(privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the signing key of " + address + " does not open");
        }
    }

    @Override
    public byte[] sealSecret(byte[] secret, String purpose) {
        return sealUnderKek(secret, secretAad(purpose), "a secret");
    }

    @Override
    public Result<byte[]> openSecret(byte[] sealed, String purpose) {
        return openUnderKek(sealed, secretAad(purpose), ErrorCode.KEY_UNAVAILABLE,
                "the sealed secret (" + purpose + ") does not open under the KEK");
    }

    private static byte[] secretAad(String purpose) {
        return prefixed(SECRET_AAD_PREFIX, purpose.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Hash32 newSalt() {
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        return Hash32.of(salt);
    }

    @Override
    public Hash32 keyedHash(KeyPurpose purpose, byte[] message) {
        return derived.hash(purpose, message);
    }

    @Override
    public byte[] sealValue(byte[] plaintext, byte[] associatedData) {
        return sealUnderKek(plaintext, prefixed(VALUE_AAD_PREFIX, associatedData), "a value");
    }

    @Override
    public Result<byte[]> openValue(byte[] sealed, byte[] associatedData) {
        return openUnderKek(sealed, prefixed(VALUE_AAD_PREFIX, associatedData), ErrorCode.RECORD_TAMPERED,
                "a sealed value or its associated data was altered");
    }

    /** AES-GCM under the KEK's primary key, bound to the associated data (which names the domain and the row). */
    private byte[] sealUnderKek(byte[] plaintext, byte[] associatedData, String what) {
        try {
            return kek.encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new SalusException("sealing " + what + " failed", e);
        }
    }

    private Result<byte[]> openUnderKek(byte[] sealed, byte[] associatedData, ErrorCode failure, String detail) {
        try {
            return Result.ok(kek.decrypt(sealed, associatedData));
        } catch (GeneralSecurityException e) {
            return Result.fail(failure, detail);
        }
    }

    /**
     * The id of the KEK key the purpose keys of {@link #keyedHash} derive from: the key the KEK file was created with
     * (after it was retired, the file keeps the root derived from it, see {@link TinkKekStore#retireOldKeys}).
     */
    public int derivationKeyId() {
        return kek.derivationKeyId();
    }

    /** Whether a sealed value was made by a KEK key other than the current primary. */
    public boolean valueNeedsRewrap(byte[] sealed) {
        return !kek.madeByPrimary(sealed, 0);
    }

    /** Re-seals a sealed value under the current primary KEK key. {@code RECORD_TAMPERED} if it does not open. */
    @Override
    public Result<byte[]> rewrapValue(byte[] sealed, byte[] associatedData) {
        return openValue(sealed, associatedData).map(plain -> {
            try {
                return sealValue(plain, associatedData);
            } finally {
                wipe(plain);
            }
        });
    }

    /**
     * Re-wraps a record's node-wrapped data key under the current primary KEK key (for retiring old KEK keys).
     * {@code RECORD_TAMPERED} if it does not unwrap with this associated data.
     */
    public Result<byte[]> rewrap(byte[] wrappedKeyForNode, byte[] associatedData) {
        byte[] dataKey = null;
        try {
            byte[] aad = recordAad(associatedData);
            dataKey = kek.decrypt(wrappedKeyForNode, aad);
            return Result.ok(kek.encrypt(dataKey, aad));
        } catch (GeneralSecurityException e) {
            return tampered();
        } finally {
            wipe(dataKey);
        }
    }

    /** Whether a node-wrapped data key was made by a KEK key other than the current primary. */
    public boolean needsRewrap(byte[] wrappedKeyForNode) {
        return !kek.madeByPrimary(wrappedKeyForNode, 0);
    }

    /**
     * Re-encrypts a sealed account private key (signing or encryption) under the current primary KEK key, keeping its
     * address and role. {@code KEY_UNAVAILABLE} if it does not open.
     */
    public Result<byte[]> rewrapSealedKey(byte[] sealedPrivateKey) {
        Optional<SealedAccountKey> key = SealedAccountKey.decode(sealedPrivateKey);
        if (key.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "not a sealed account key");
        }
        byte[] privateKey = null;
        try {
            privateKey = key.get().open(kek);
            return Result.ok(SealedAccountKey.seal(kek, key.get().role(), key.get().address(), privateKey).encode());
        } catch (GeneralSecurityException e) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE,
                    "the sealed key of " + key.get().address() + " does not open");
        } finally {
            wipe(privateKey);
        }
    }

    @Override
    public int primaryKeyId() {
        return kek.status().primaryKeyId();
    }

    @Override
    public byte[] primaryPrefix() {
        return kek.primaryPrefix();
    }

    @Override
    public int accountKeyOffset() {
        return SealedAccountKey.HEADER;
    }

    @Override
    public Result<byte[]> rewrapRecordKey(byte[] wrappedKeyForNode, byte[] associatedData) {
        return rewrap(wrappedKeyForNode, associatedData);
    }

    @Override
    public Result<byte[]> rewrapSecret(byte[] sealed, String purpose) {
        return openSecret(sealed, purpose).map(plain -> {
            try {
                return sealSecret(plain, purpose);
            } finally {
                wipe(plain);
            }
        });
    }

    @Override
    public Result<byte[]> rewrapAccountKey(byte[] sealedPrivateKey) {
        return rewrapSealedKey(sealedPrivateKey);
    }

    /** Whether a sealed account private key was made by a KEK key other than the current primary. */
    public boolean sealedKeyNeedsRewrap(byte[] sealedPrivateKey) {
        return SealedAccountKey.decode(sealedPrivateKey).map(k -> !kek.madeByPrimary(k.kekCiphertext(), 0))
                .orElse(true);
    }

    private static byte[] recordAad(byte[] associatedData) {
        return prefixed(RECORD_AAD_PREFIX, associatedData);
    }

    private static byte[] prefixed(byte[] prefix, byte[] associatedData) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + associatedData.length);
        System.arraycopy(associatedData, 0, out, prefix.length, associatedData.length);
        return out;
    }

    private static <T> Result<T> tampered() {
        return Result.fail(ErrorCode.RECORD_TAMPERED, "the record, its wrapped key or its associated data was altered");
    }

    private static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
