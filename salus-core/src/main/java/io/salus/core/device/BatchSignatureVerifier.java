package io.salus.core.device;

/**
 * Port: Ed25519 verification of device batches (the adapter is {@code Ed25519BatchSignatureVerifier} in salus-crypto,
 * on BouncyCastle). Implementations are stateless and thread-safe.
 */
public interface BatchSignatureVerifier {

    /**
     * Whether {@code signature} is a valid Ed25519 signature (RFC 8032, pure) by {@code key} over {@code message}.
     * Never throws for a bad signature or key: those are {@code false}.
     */
    boolean verifies(Ed25519PublicKey key, byte[] message, Ed25519Signature signature);

    /** Whether the batch's signature is valid over its canonical bytes ({@link SignedBatch#signedBytes}). */
    default boolean verifies(Ed25519PublicKey key, SignedBatch batch) {
        return verifies(key, batch.signedBytes(), batch.signature());
    }

    /**
     * Whether the bytes are a usable Ed25519 public key: a valid point encoding that is not of small order (a
     * small-order key would let anyone forge signatures that verify). Registrations with other keys are refused.
     */
    boolean acceptsKey(Ed25519PublicKey key);
}
