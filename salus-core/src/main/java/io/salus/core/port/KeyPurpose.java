package io.salus.core.port;

/**
 * What a key derived from the node's KEK is for ({@link KeyManager#keyedHash}). Each purpose has its own key; the
 * label is part of the derivation and never changes, so values keyed under it stay comparable for the life of the
 * node (across KEK rotations, see {@code docs/operations/keys.md}).
 */
public enum KeyPurpose {
    /** Blind indexes: look-ups by a value that must not be stored in clear (patient identifiers, idempotency keys). */
    BLIND_INDEX("salus/blind-index/1"),
    /** Keyed hashes of stored content, so a guessed record or bundle cannot be confirmed from a dump. */
    RECORD_HASH("salus/record-hash/1"),
    /** Openings of the patient pseudonyms in AccessLog events. */
    ACCESS_LOG("salus/access-log-pseudonym/1");

    private final String label;

    KeyPurpose(String label) {
        this.label = label;
    }

    /** The derivation label (HKDF info). */
    public String label() {
        return label;
    }
}
