package io.salus.core.account;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/** A 20-byte EVM address, kept in lower-case 0x-hex form. */
public record EvmAddress(String hex) {
    public EvmAddress {
        Objects.requireNonNull(hex, "hex");
        hex = hex.toLowerCase(Locale.ROOT);
        if (!hex.matches("0x[0-9a-f]{40}")) {
            throw new IllegalArgumentException("not an EVM address: " + hex);
        }
    }

    public static EvmAddress of(byte[] twentyBytes) {
        if (twentyBytes.length != 20) {
            throw new IllegalArgumentException("address must be 20 bytes");
        }
        return new EvmAddress("0x" + HexFormat.of().formatHex(twentyBytes));
    }

    @Override
    public String toString() {
        return hex;
    }
}
