package io.salus.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ShamirProperties {
    private final Shamir shamir = new Shamir(new SecureRandom());

    record Setup(int k, int n) {
    }

    @Provide
    Arbitrary<Setup> thresholds() {
        return Arbitraries.integers().between(1, 12).flatMap(n -> Arbitraries.integers().between(1, n)
                .map(k -> new Setup(k, n)));
    }

    @Property(tries = 300)
    void anyKDistinctShares_reconstructTheSecret(@ForAll @Size(min = 1, max = 40) byte[] secret,
            @ForAll("thresholds") Setup setup, @ForAll long seed) {
        List<ShamirShare> shares = new ArrayList<>(ok(shamir.split(secret, setup.k(), setup.n())));
        Collections.shuffle(shares, new Random(seed));
        assertThat(ok(Shamir.combine(shares.subList(0, setup.k()), setup.k()))).isEqualTo(secret);
    }

    /**
     * Perfect secrecy, stated as consistency: for ANY candidate secret there is a polynomial of degree k − 1 through
     * k − 1 real shares and that candidate, so a fabricated k-th share makes the real k − 1 shares "reconstruct" it.
     * The k − 1 shares therefore rule out no secret.
     */
    @Property(tries = 300)
    void kMinusOneShares_areConsistentWithEveryCandidateSecret(@ForAll @Size(min = 1, max = 32) byte[] secret,
            @ForAll("thresholds") Setup setup, @ForAll long seed) {
        if (setup.k() < 2) {
            return;
        }
        List<ShamirShare> shares = new ArrayList<>(ok(shamir.split(secret, setup.k(), setup.n())));
        Collections.shuffle(shares, new Random(seed));
        List<ShamirShare> known = shares.subList(0, setup.k() - 1);
        byte[] candidate = new byte[secret.length];
        new Random(seed ^ 0x5eed).nextBytes(candidate);
        List<ShamirShare> zeroPoint = new ArrayList<>(known);
        int fakeX = unusedX(known);
        byte[] fakeY = lagrangeThroughZero(known, candidate, fakeX);
        zeroPoint.add(new ShamirShare(fakeX, fakeY));
        assertThat(ok(Shamir.combine(zeroPoint, setup.k()))).isEqualTo(candidate);
    }

    @Property(tries = 100)
    void fewerThanKShares_areRefusedWithTheirCode(@ForAll @Size(min = 1, max = 16) byte[] secret,
            @ForAll("thresholds") Setup setup) {
        List<ShamirShare> shares = ok(shamir.split(secret, setup.k(), setup.n()));
        Result<byte[]> r = Shamir.combine(shares.subList(0, setup.k() - 1), setup.k());
        assertThat(r.failure().code()).isEqualTo(ErrorCode.RECOVERY_INVALID_SHARES);
    }

    @Property(tries = 100)
    void aDuplicatedShare_isRefusedWithItsCode(@ForAll @Size(min = 1, max = 16) byte[] secret,
            @ForAll @IntRange(min = 2, max = 10) int k) {
        List<ShamirShare> shares = new ArrayList<>(ok(shamir.split(secret, k, k)));
        shares.set(k - 1, shares.get(0));
        assertThat(Shamir.combine(shares, k).failure().code()).isEqualTo(ErrorCode.RECOVERY_INVALID_SHARES);
    }

    @Property(tries = 50)
    void thresholdsOutsideOneToNToTwoHundredFiftyFive_areRefused(@ForAll @IntRange(min = -2, max = 300) int k,
            @ForAll @IntRange(min = -2, max = 300) int n) {
        Result<List<ShamirShare>> r = shamir.split(new byte[]{1, 2, 3}, k, n);
        assertThat(r.isOk()).isEqualTo(k >= 1 && k <= n && n <= 255);
    }

    private static int unusedX(List<ShamirShare> known) {
        for (int x = 1; x <= 255; x++) {
            final int c = x;
            if (known.stream().noneMatch(s -> s.x() == c)) {
                return x;
            }
        }
        throw new IllegalStateException("no free x");
    }

    /** The value at fakeX of the byte-wise polynomial through the known shares and (0, candidate). */
    private static byte[] lagrangeThroughZero(List<ShamirShare> known, byte[] candidate, int fakeX) {
        int m = known.size() + 1;
        int[] xs = new int[m];
        byte[][] ys = new byte[m][];
        for (int i = 0; i < known.size(); i++) {
            xs[i] = known.get(i).x();
            ys[i] = known.get(i).y();
        }
        xs[m - 1] = 0;
        ys[m - 1] = candidate;
        byte[] out = new byte[candidate.length];
        int[] col = new int[m];
        for (int b = 0; b < out.length; b++) {
            for (int i = 0; i < m; i++) {
                col[i] = ys[i][b] & 0xff;
            }
            out[b] = (byte) Gf256.interpolate(xs, col, fakeX);
        }
        return out;
    }

    private static <T> T ok(Result<T> r) {
        assertThat(r.isOk()).as(() -> r.toString()).isTrue();
        return r.orElseThrow();
    }
}
