package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.SealedRecord;

/**
 * Keys and envelope encryption. Records are sealed under a fresh data key each; the data key is wrapped by the node's
 * key-encryption key (KEK) and to the patient's HPKE public key. Account private keys are only ever returned encrypted
 * under the KEK. Failures to open (tampered ciphertext, wrapped key or associated data) are {@code RECORD_TAMPERED}.
 * Thread-safe.
 */
public interface KeyManager {

    /** A new account key set: a secp256k1 signing key (the EVM address) and an X25519 HPKE encryption key. */
    AccountKeys newAccountKeys();

    /**
     * The key set of existing private keys (a patient's bank moved here from another node, decision 0036): public
     * halves and address derived from them, private halves sealed under this node's KEK. The caller wipes its inputs.
     */
    AccountKeys importAccountKeys(byte[] signingPrivateKey, byte[] encryptionPrivateKey);

    SealedRecord seal(byte[] plaintext, byte[] associatedData, byte[] patientEncryptionPublicKey);

    /**
     * Seals many records to one patient with one HPKE encapsulation (one ephemeral key agreement): each record still
     * gets its own fresh data key, wrapped under the KEK and to the patient, in exactly the format of
     * {@link #seal}; the patient-wrapping of each record is keyed by HKDF of the session's shared secret and the
     * record's associated data (the RFC 9180 key schedule with the record as {@code info}), so each record opens, is
     * shared and is shredded on its own. Every associated data sealed in one session must differ (it names the
     * record). Close the session when the deposit is sealed: it wipes the shared secret.
     */
    RecordSealing sealing(byte[] patientEncryptionPublicKey);

    /** Records sealed to one patient under one encapsulation ({@link #sealing}). Thread-safe until closed. */
    interface RecordSealing extends AutoCloseable {
        SealedRecord seal(byte[] plaintext, byte[] associatedData);

        @Override
        void close();
    }

    /** Opens with the node-wrapped data key. */
    Result<byte[]> open(SealedRecord sealed, byte[] associatedData);

    /** Opens with the patient-wrapped data key and the patient's (KEK-encrypted) HPKE private key. */
    Result<byte[]> openAsPatient(SealedRecord sealed, byte[] associatedData, byte[] sealedEncryptionPrivateKey);

    /**
     * Decrypts an account's secp256k1 private key (32 bytes, big-endian) for signing. {@code KEY_UNAVAILABLE} when it
     * does not decrypt under the KEK for that address.
     */
    Result<byte[]> unsealSigningKey(EvmAddress address, byte[] sealedSigningPrivateKey);

    /**
     * Decrypts an account's X25519 HPKE private key (32 bytes) for handing it to its owner (key export), so they can
     * open packages and records without the node. {@code KEY_UNAVAILABLE} when it is not a sealed encryption key or
     * does not decrypt under the KEK. The caller wipes it.
     */
    Result<byte[]> unsealEncryptionKey(byte[] sealedEncryptionPrivateKey);

    /**
     * Encrypts a node secret (a deal's de-identification secret, a package's content key, a node key) under the KEK,
     * bound to {@code purpose} (for example {@code "deal-secret|0x…"}): it opens only for the same purpose.
     */
    byte[] sealSecret(byte[] secret, String purpose);

    /** Opens a sealed secret; {@code KEY_UNAVAILABLE} if it does not open under the KEK for this purpose. */
    Result<byte[]> openSecret(byte[] sealed, String purpose);

    /** A fresh random 32-byte salt. */
    Hash32 newSalt();

    /**
     * HMAC-SHA256 of {@code message} under the node's key for {@code purpose}, derived from the KEK. Deterministic for
     * the node, unpredictable without its KEK, unchanged by KEK rotation.
     */
    Hash32 keyedHash(KeyPurpose purpose, byte[] message);

    /**
     * Seals a small value stored beside records (a salt, cohort features, a FHIR id) under the KEK, bound to
     * {@code associatedData} so it cannot be moved to another row.
     */
    byte[] sealValue(byte[] plaintext, byte[] associatedData);

    /** Opens {@link #sealValue}'s output; {@code RECORD_TAMPERED} if it or its associated data was altered. */
    Result<byte[]> openValue(byte[] sealed, byte[] associatedData);

    /**
     * Public halves in clear, private halves encrypted under the KEK (bound to the address as associated data).
     */
    record AccountKeys(EvmAddress address, byte[] signingPublicKey, byte[] encryptionPublicKey,
            byte[] sealedSigningPrivateKey, byte[] sealedEncryptionPrivateKey) {
    }
}
