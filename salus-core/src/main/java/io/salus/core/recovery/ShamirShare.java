package io.salus.core.recovery;

import java.util.Arrays;

/**
 * One Shamir share: the x-coordinate (1..255) and, for each byte of the secret, the value of that byte's polynomial at
 * x. Equality is by value.
 */
public record ShamirShare(int x, byte[] y) {
    public ShamirShare {
        if (x < 1 || x > 255) {
            throw new IllegalArgumentException("a share's x is 1..255, not " + x);
        }
        y = y.clone();
    }

    @Override
    public byte[] y() {
        return y.clone();
    }

    /** The share as bytes: x, then y. */
    public byte[] encode() {
        byte[] out = new byte[y.length + 1];
        out[0] = (byte) x;
        System.arraycopy(y, 0, out, 1, y.length);
        return out;
    }

    /** The inverse of {@link #encode}; {@code IllegalArgumentException} for fewer than 2 bytes or x 0. */
    public static ShamirShare decode(byte[] bytes) {
        if (bytes.length < 2) {
            throw new IllegalArgumentException("a share is at least 2 bytes");
        }
        return new ShamirShare(bytes[0] & 0xff, Arrays.copyOfRange(bytes, 1, bytes.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShamirShare s && s.x == x && Arrays.equals(s.y, y);
    }

    @Override
    public int hashCode() {
        return 31 * x + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "ShamirShare[x=" + x + ", " + y.length + " bytes]";
    }
}
