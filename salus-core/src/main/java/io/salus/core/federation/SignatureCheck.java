package io.salus.core.federation;

/** Port: verifies an Ed25519 signature with a raw 32-byte public key. Never throws on bad input: it says false. */
public interface SignatureCheck {
    boolean verify(byte[] publicKey, byte[] message, byte[] signature);
}
