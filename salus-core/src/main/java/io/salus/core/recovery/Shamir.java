package io.salus.core.recovery;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Shamir secret sharing over GF(2^8), byte by byte: each byte of the secret is the constant term of its own random
 * polynomial of degree k − 1 (coefficients from the injected {@link SecureRandom}); share i (x = i, 1..n) holds every
 * polynomial's value at i. Any k shares give the secret back by Lagrange interpolation at 0; k − 1 shares are
 * consistent with every possible secret (for each candidate there is exactly one polynomial of degree k − 1 through
 * them and it). Thread-safe ({@link SecureRandom} is).
 */
public final class Shamir {
    private final SecureRandom random;

    public Shamir(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** n shares of {@code secret}, any k of which reconstruct it; {@code RECOVERY_INVALID_SHARES} unless 1≤k≤n≤255. */
    public Result<List<ShamirShare>> split(byte[] secret, int k, int n) {
        if (k < 1 || n < k || n > 255) {
            return Result.fail(ErrorCode.RECOVERY_INVALID_SHARES, "a threshold k of n shares needs 1 <= k <= n <= 255, "
                    + "not k=" + k + " n=" + n);
        }
        if (secret.length == 0) {
            return Result.fail(ErrorCode.RECOVERY_INVALID_SHARES, "the secret is empty");
        }
        byte[][] ys = new byte[n][secret.length];
        int[] coefficients = new int[k];
        byte[] draw = new byte[Math.max(0, k - 1)];
        for (int b = 0; b < secret.length; b++) {
            coefficients[0] = secret[b] & 0xff;
            random.nextBytes(draw);
            for (int c = 1; c < k; c++) {
                coefficients[c] = draw[c - 1] & 0xff;
            }
            for (int i = 0; i < n; i++) {
                ys[i][b] = (byte) Gf256.eval(coefficients, i + 1);
            }
        }
        Arrays.fill(coefficients, 0);
        Arrays.fill(draw, (byte) 0);
        List<ShamirShare> shares = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            shares.add(new ShamirShare(i + 1, ys[i]));
            Arrays.fill(ys[i], (byte) 0);
        }
        return Result.ok(List.copyOf(shares));
    }

    /**
     * The secret from the first {@code k} of {@code shares}. {@code RECOVERY_INVALID_SHARES} for fewer than k shares,
     * a repeated x or shares of different lengths. Wrong shares give a wrong secret: check the result.
     */
    public static Result<byte[]> combine(List<ShamirShare> shares, int k) {
        if (k < 1 || shares.size() < k) {
            return Result.fail(ErrorCode.RECOVERY_INVALID_SHARES, shares.size() + " shares given, " + k + " needed");
        }
        List<ShamirShare> used = shares.subList(0, k);
        int length = used.get(0).y().length;
        Set<Integer> xs = new HashSet<>();
        for (ShamirShare s : used) {
            if (!xs.add(s.x())) {
                return Result.fail(ErrorCode.RECOVERY_INVALID_SHARES, "share x=" + s.x() + " is given twice");
            }
            if (s.y().length != length) {
                return Result.fail(ErrorCode.RECOVERY_INVALID_SHARES, "the shares have different lengths");
            }
        }
        return Result.ok(evaluate(used, 0));
    }

    /** The value at {@code x} of the polynomials through the given shares (distinct xs): {@code x = 0} is the secret. */
    static byte[] evaluate(List<ShamirShare> shares, int x) {
        int[] xs = shares.stream().mapToInt(ShamirShare::x).toArray();
        byte[][] ys = shares.stream().map(ShamirShare::y).toArray(byte[][]::new);
        byte[] out = new byte[ys[0].length];
        int[] column = new int[xs.length];
        for (int b = 0; b < out.length; b++) {
            for (int i = 0; i < xs.length; i++) {
                column[i] = ys[i][b] & 0xff;
            }
            out[b] = (byte) Gf256.interpolate(xs, column, x);
        }
        Arrays.fill(column, 0);
        return out;
    }
}
