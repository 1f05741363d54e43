package io.salus.crypto.aggregation;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.recovery.Shamir;
import io.salus.core.recovery.ShamirShare;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * Secure aggregation of one round (after Bonawitz et al., CCS 2017, the pairwise-mask part): each member adds to its
 * fixed-point update, for every other member, the words of their {@link PairMask} (added by the lower id, subtracted
 * by the higher), so that the masks cancel in the sum and the aggregator learns only the sum. Each member also splits
 * its round private key into Shamir shares (the guardian-recovery code), one for each other member; if a member drops
 * out before sending its masked update, a threshold of survivors hand in their shares of its key and the aggregator
 * removes the masks the survivors added for it. The aggregator closes the round's membership before it asks for
 * shares, so a dropped member's update that arrives late is refused rather than unmasked (the single-mask variant is
 * safe only so). Stateless and thread-safe.
 */
public final class SecureAggregation {
    private SecureAggregation() {
    }

    /** A member's X25519 key pair for one round. The private key never leaves the member except as Shamir shares. */
    public record MemberKey(int id, byte[] privateKey, byte[] publicKey) {
        public MemberKey {
            privateKey = privateKey.clone();
            publicKey = publicKey.clone();
        }

        @Override
        public byte[] privateKey() {
            return privateKey.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }
    }

    public static MemberKey newKey(int id, SecureRandom random) {
        byte[] sk = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(random, sk);
        byte[] pk = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(sk, 0, pk, 0);
        return new MemberKey(id, sk, pk);
    }

    /** Shares of the member's round key, any {@code threshold} of which rebuild it; share x goes to the x-th peer. */
    public static Result<List<ShamirShare>> shareKey(MemberKey self, int threshold, int peers, Shamir shamir) {
        return shamir.split(self.privateKey(), threshold, peers);
    }

    /** The member's update masked for this round; {@code roster} maps every member's id to its public key. */
    public static long[] mask(byte[] round, MemberKey self, Map<Integer, byte[]> roster, long[] update) {
        long[] out = update.clone();
        for (Map.Entry<Integer, byte[]> peer : roster.entrySet()) {
            int j = peer.getKey();
            if (j == self.id()) {
                continue;
            }
            long[] w = PairMask.words(self.privateKey, peer.getValue(), round, self.id(), j, out.length);
            for (int k = 0; k < out.length; k++) {
                out[k] = self.id() < j ? out[k] + w[k] : out[k] - w[k];
            }
        }
        return out;
    }

    /**
     * The sum of the survivors' updates: the masked updates of the members that sent one, and for every member of the
     * roster that did not, at least {@code threshold} shares of its round key.
     */
    public static Result<long[]> sum(byte[] round, Map<Integer, byte[]> roster, Map<Integer, long[]> masked,
            Map<Integer, List<ShamirShare>> dropoutShares, int threshold) {
        Result<Integer> length = RoundChecks.check(roster, masked);
        if (!length.isOk()) {
            return length.propagate();
        }
        long[] total = new long[length.orElseThrow()];
        masked.values().forEach(v -> add(total, v, 1));
        SortedMap<Integer, byte[]> dropped = new TreeMap<>(roster);
        dropped.keySet().removeAll(masked.keySet());
        for (Map.Entry<Integer, byte[]> d : dropped.entrySet()) {
            Result<byte[]> key = RoundChecks.recover(d.getKey(), d.getValue(),
                    dropoutShares.getOrDefault(d.getKey(), List.of()), threshold);
            if (!key.isOk()) {
                return key.propagate();
            }
            byte[] sk = key.orElseThrow();
            for (int j : masked.keySet()) {
                long[] w = PairMask.words(sk, roster.get(j), round, d.getKey(), j, total.length);
                add(total, w, j < d.getKey() ? -1 : 1);
            }
            Arrays.fill(sk, (byte) 0);
        }
        return Result.ok(total);
    }

    private static void add(long[] total, long[] v, int sign) {
        for (int k = 0; k < total.length; k++) {
            total[k] += sign * v[k];
        }
    }

    /** Rejects a malformed round before anything is summed. */
    static Result<Integer> fail(String why) {
        return Result.fail(ErrorCode.AGGREGATION_INVALID_ROUND, why);
    }
}
