package io.salus.crypto.aggregation;

/**
 * Real numbers as 64-bit fixed-point integers with {@code fractionBits} bits after the point, so that masked vectors
 * add modulo 2^64 (Java's {@code long} overflow) and the sum decodes to the sum of the reals as long as it stays
 * within ±2^(63 − fractionBits). Encoding rounds to the nearest step of 2^−fractionBits.
 */
public record FixedPoint(int fractionBits) {
    public FixedPoint {
        if (fractionBits < 0 || fractionBits > 52) {
            throw new IllegalArgumentException("fraction bits are 0..52, not " + fractionBits);
        }
    }

    /** The largest magnitude a value, or a sum, may have. */
    public double limit() {
        return Math.scalb(1.0, 63 - fractionBits);
    }

    public long encode(double value) {
        if (!Double.isFinite(value) || Math.abs(value) >= limit()) {
            throw new IllegalArgumentException("value " + value + " is outside ±" + limit());
        }
        return Math.round(Math.scalb(value, fractionBits));
    }

    public double decode(long encoded) {
        return Math.scalb((double) encoded, -fractionBits);
    }

    public long[] encode(double[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = encode(values[i]);
        }
        return out;
    }

    public double[] decode(long[] encoded) {
        double[] out = new double[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            out[i] = decode(encoded[i]);
        }
        return out;
    }
}
