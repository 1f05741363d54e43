package io.salus.core.device;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A device's Ed25519 public key (RFC 8032 encoding, 32 bytes). Only the length is checked here; whether the bytes are
 * a usable curve point is the {@link BatchSignatureVerifier}'s call. Immutable: the array is copied in and out.
 */
public final class Ed25519PublicKey {
    public static final int LENGTH = 32;
    private final byte[] bytes;

    private Ed25519PublicKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Ed25519PublicKey of(byte[] bytes) {
        return new Ed25519PublicKey(FixedBytes.copy(bytes, LENGTH, "an Ed25519 public key"));
    }

    public static Ed25519PublicKey fromHex(String hex) {
        return new Ed25519PublicKey(FixedBytes.hex(hex, LENGTH, "an Ed25519 public key"));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PublicKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + hex() + "]";
    }
}
