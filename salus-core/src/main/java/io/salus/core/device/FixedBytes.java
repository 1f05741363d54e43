package io.salus.core.device;

import java.util.HexFormat;
import java.util.Locale;

/** Length-checked copies and hex parsing for the fixed-size byte values of this package. */
final class FixedBytes {
    private FixedBytes() {
    }

    static byte[] copy(byte[] bytes, int length, String what) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException(what + " is " + length + " bytes");
        }
        return bytes.clone();
    }

    static byte[] hex(String hex, int length, String what) {
        String h = hex == null ? "" : hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (h.length() != 2 * length || !h.matches("[0-9a-fA-F]*")) {
            throw new IllegalArgumentException(what + " is " + length + " bytes of hex");
        }
        return HexFormat.of().parseHex(h.toLowerCase(Locale.ROOT));
    }
}
