package io.salus.core.record;

import java.util.Objects;

/**
 * A record as stored: AES-256-GCM ciphertext under a fresh data key, that data key wrapped by the node's key-encryption
 * key, and the same data key wrapped to the patient's HPKE public key. All three are opaque to the store.
 */
public record SealedRecord(byte[] ciphertext, byte[] wrappedKeyForNode, byte[] wrappedKeyForPatient) {
    public SealedRecord {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(wrappedKeyForNode, "wrappedKeyForNode");
        Objects.requireNonNull(wrappedKeyForPatient, "wrappedKeyForPatient");
    }
}
