package io.salus.core.recovery;

/**
 * Arithmetic in GF(2^8) with the AES reduction polynomial x^8 + x^4 + x^3 + x + 1 (0x11B), by log and exponent tables
 * of the generator 3. Addition is XOR. Immutable and thread-safe.
 */
final class Gf256 {
    private static final int[] EXP = new int[510];
    private static final int[] LOG = new int[256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            LOG[x] = i;
            x ^= (x << 1) ^ ((x & 0x80) != 0 ? 0x11B : 0);
            x &= 0xff;
        }
        for (int i = 255; i < EXP.length; i++) {
            EXP[i] = EXP[i - 255];
        }
    }

    private Gf256() {
    }

    static int mul(int a, int b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return EXP[LOG[a] + LOG[b]];
    }

    static int div(int a, int b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero in GF(256)");
        }
        if (a == 0) {
            return 0;
        }
        return EXP[LOG[a] + 255 - LOG[b]];
    }

    /** The polynomial with these coefficients (constant term first) at {@code x}, by Horner's rule. */
    static int eval(int[] coefficients, int x) {
        int y = 0;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            y = mul(y, x) ^ coefficients[i];
        }
        return y;
    }

    /** The value at {@code x} of the polynomial of degree < n through the n points (distinct xs), by Lagrange. */
    static int interpolate(int[] xs, int[] ys, int x) {
        int sum = 0;
        for (int i = 0; i < xs.length; i++) {
            int num = 1;
            int den = 1;
            for (int j = 0; j < xs.length; j++) {
                if (i != j) {
                    num = mul(num, x ^ xs[j]);
                    den = mul(den, xs[i] ^ xs[j]);
                }
            }
            sum ^= mul(ys[i], div(num, den));
        }
        return sum;
    }
}
