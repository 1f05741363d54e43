package io.salus.core.device;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A value of a fixed number of bytes (a key, a signature), immutable: the array is copied in and out. Two values are
 * equal when they are of the same class and hold the same bytes.
 */
abstract class FixedBytes {
    private final byte[] bytes;

    FixedBytes(byte[] bytes, int length, String what) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException(what + " is " + length + " bytes");
        }
        this.bytes = bytes.clone();
    }

    static byte[] parseHex(String hex, int length, String what) {
        String h = hex == null ? "" : hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (h.length() != 2 * length || !h.matches("[0-9a-fA-F]*")) {
            throw new IllegalArgumentException(what + " is " + length + " bytes of hex");
        }
        return HexFormat.of().parseHex(h.toLowerCase(Locale.ROOT));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((FixedBytes) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + hex() + "]";
    }
}
