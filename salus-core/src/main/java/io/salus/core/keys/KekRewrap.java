package io.salus.core.keys;

import io.salus.core.error.Result;

/**
 * Re-seals what the node keeps under its key-encryption key (KEK) under the KEK's current primary key, so that older
 * KEK keys can be retired. Each method opens with whichever KEK key made the value (the associated data must match,
 * as when it was sealed) and seals again under the primary; a value that does not open is a failure and is left as it
 * was. Thread-safe.
 */
public interface KekRewrap {

    /** The id of the KEK's primary key. */
    int primaryKeyId();

    /**
     * The bytes every KEK ciphertext made by the primary key starts with (Tink's output prefix: a marker byte and the
     * key id): a value starting with anything else was made by another key.
     */
    byte[] primaryPrefix();

    /** Where the KEK ciphertext starts inside a sealed account private key (after its role and address). */
    int accountKeyOffset();

    /** A record's (or alert's) node-wrapped data key, bound to the record's associated data. */
    Result<byte[]> rewrapRecordKey(byte[] wrappedKeyForNode, byte[] associatedData);

    /** A value sealed beside a row ({@code KeyManager.sealValue}). */
    Result<byte[]> rewrapValue(byte[] sealed, byte[] associatedData);

    /** A node secret ({@code KeyManager.sealSecret}) bound to its purpose. */
    Result<byte[]> rewrapSecret(byte[] sealed, String purpose);

    /** A sealed account private key (signing or encryption), keeping its role and address. */
    Result<byte[]> rewrapAccountKey(byte[] sealedPrivateKey);

    /** Whether a KEK ciphertext starting at {@code offset} was made by the primary key. */
    default boolean current(byte[] sealed, int offset) {
        byte[] prefix = primaryPrefix();
        if (sealed == null || sealed.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (sealed[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
