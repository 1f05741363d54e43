package io.salus.core.port;

import io.salus.core.merkle.Hash32;

/** Signs a 32-byte digest with a secp256k1 private key: 65 bytes r ‖ s ‖ v, low-s. Thread-safe. */
@FunctionalInterface
public interface DigestSigner {
    byte[] sign(Hash32 digest, byte[] privateKey);
}
