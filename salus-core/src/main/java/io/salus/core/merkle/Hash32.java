package io.salus.core.merkle;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/** A 32-byte hash (a Solidity {@code bytes32}). Immutable: the array is copied in and out. */
public final class Hash32 implements Comparable<Hash32> {
    public static final Hash32 ZERO = new Hash32(new byte[32]);
    private final byte[] bytes;

    private Hash32(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Hash32 of(byte[] bytes) {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("a Hash32 is 32 bytes");
        }
        return new Hash32(bytes.clone());
    }

    public static Hash32 fromHex(String hex) {
        String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (!h.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("not a 32-byte hex string");
        }
        return new Hash32(HexFormat.of().parseHex(h.toLowerCase(Locale.ROOT)));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    @Override
    public int compareTo(Hash32 o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash32 h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
