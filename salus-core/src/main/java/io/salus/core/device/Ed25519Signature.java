package io.salus.core.device;

import java.util.Arrays;
import java.util.HexFormat;

/** An Ed25519 signature (RFC 8032: R ‖ S, 64 bytes). Immutable: the array is copied in and out. */
public final class Ed25519Signature {
    public static final int LENGTH = 64;
    private final byte[] bytes;

    private Ed25519Signature(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Ed25519Signature of(byte[] bytes) {
        return new Ed25519Signature(FixedBytes.copy(bytes, LENGTH, "an Ed25519 signature"));
    }

    public static Ed25519Signature fromHex(String hex) {
        return new Ed25519Signature(FixedBytes.hex(hex, LENGTH, "an Ed25519 signature"));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519Signature s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Ed25519Signature[" + hex() + "]";
    }
}
