package io.salus.core.device;

/**
 * A device's Ed25519 public key (RFC 8032 encoding, 32 bytes). Only the length is checked here; whether the bytes are
 * a usable curve point is the {@link BatchSignatureVerifier}'s call. Immutable.
 */
public final class Ed25519PublicKey extends FixedBytes {
    public static final int LENGTH = 32;
    private static final String WHAT = "an Ed25519 public key";

    private Ed25519PublicKey(byte[] bytes) {
        super(bytes, LENGTH, WHAT);
    }

    public static Ed25519PublicKey of(byte[] bytes) {
        return new Ed25519PublicKey(bytes);
    }

    public static Ed25519PublicKey fromHex(String hex) {
        return new Ed25519PublicKey(parseHex(hex, LENGTH, WHAT));
    }
}
