package io.salus.crypto.aggregation;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.recovery.Shamir;
import io.salus.core.recovery.ShamirShare;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** The checks of a round before its sum: one vector length, senders on the roster, dropped members' keys rebuilt. */
final class RoundChecks {
    private RoundChecks() {
    }

    /** The common vector length; a failure if a sender is not on the roster or the lengths differ. */
    static Result<Integer> check(Map<Integer, byte[]> roster, Map<Integer, long[]> masked) {
        if (roster.size() < 2 || masked.isEmpty()) {
            return SecureAggregation.fail("a round needs at least two members and one masked update");
        }
        for (byte[] pk : roster.values()) {
            if (pk.length != X25519.POINT_SIZE) {
                return SecureAggregation.fail("a member's public key is not 32 bytes");
            }
        }
        int length = -1;
        for (Map.Entry<Integer, long[]> m : masked.entrySet()) {
            if (!roster.containsKey(m.getKey())) {
                return SecureAggregation.fail("member " + m.getKey() + " is not on the round's roster");
            }
            if (length >= 0 && m.getValue().length != length) {
                return SecureAggregation.fail("the masked updates have different lengths");
            }
            length = m.getValue().length;
        }
        return Result.ok(length);
    }

    /** A dropped member's round key from its shares, checked against the public key on the roster. */
    static Result<byte[]> recover(int member, byte[] publicKey, List<ShamirShare> shares, int threshold) {
        if (threshold < 2 || shares.size() < threshold) {
            return Result.fail(ErrorCode.AGGREGATION_DROPOUT_UNRECOVERABLE, "member " + member + " dropped out and "
                    + shares.size() + " shares of its key were given, " + Math.max(2, threshold) + " needed");
        }
        Result<byte[]> sk = Shamir.combine(shares, threshold);
        if (!sk.isOk() || sk.orElseThrow().length != X25519.SCALAR_SIZE) {
            return Result.fail(ErrorCode.AGGREGATION_DROPOUT_UNRECOVERABLE, "the shares of member " + member
                    + "'s key are malformed");
        }
        byte[] derived = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(sk.orElseThrow(), 0, derived, 0);
        if (!MessageDigest.isEqual(derived, publicKey)) {
            return Result.fail(ErrorCode.AGGREGATION_DROPOUT_UNRECOVERABLE, "the shares of member " + member
                    + "'s key do not rebuild the key on the roster");
        }
        return sk;
    }
}
