package io.salus.crypto.aggregation;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.SecureAggregator;
import io.salus.core.recovery.Shamir;
import io.salus.core.recovery.ShamirShare;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The {@link SecureAggregator} over {@link SecureAggregation}: pair masks from X25519 + HKDF-SHA256 + AES-256-CTR,
 * fixed point with {@code fractionBits}, Shamir over GF(2^8) (the guardian-recovery code), and each share sealed to its
 * peer with AES-256-GCM under HKDF-SHA256 of the two members' seal-key agreement, with the round and both ids as info
 * and as associated data (a share cannot be moved to another round, sender or recipient). Thread-safe.
 */
public final class X25519SecureAggregator implements SecureAggregator {
    private static final byte[] SEAL_SALT = "salus study share seal v1".getBytes(StandardCharsets.UTF_8);
    private final SecureRandom random;
    private final Shamir shamir;
    private final FixedPoint fixed;

    public X25519SecureAggregator(SecureRandom random, int fractionBits) {
        this.random = random;
        this.shamir = new Shamir(random);
        this.fixed = new FixedPoint(fractionBits);
    }

    @Override
    public MemberKeys newKeys(int id) {
        SecureAggregation.MemberKey mask = SecureAggregation.newKey(id, random);
        SecureAggregation.MemberKey seal = SecureAggregation.newKey(id, random);
        return new MemberKeys(id, mask.privateKey(), mask.publicKey(), seal.privateKey(), seal.publicKey());
    }

    @Override
    public Result<Map<Integer, byte[]>> sealShares(byte[] round, MemberKeys self, Map<Integer, Published> roster,
            int threshold) {
        List<Integer> peers = roster.keySet().stream().filter(j -> j != self.id()).sorted().toList();
        // a threshold of 1 only in a round of two: the one peer computes the only pair mask anyway
        if (peers.size() < threshold || threshold < 2 && !(threshold == 1 && peers.size() == 1)) {
            return Result.fail(ErrorCode.AGGREGATION_INVALID_ROUND, "a threshold of " + threshold + " needs at least "
                    + "that many peers; the roster has " + peers.size());
        }
        return shamir.split(self.maskPrivate(), threshold, peers.size()).flatMap(shares -> {
            Map<Integer, byte[]> out = new TreeMap<>();
            for (int i = 0; i < peers.size(); i++) {
                int j = peers.get(i);
                byte[] key = sealKey(self.sealPrivate(), roster.get(j).sealPublic(), round, self.id(), j);
                if (key == null) {
                    return Result.fail(ErrorCode.AGGREGATION_INVALID_ROUND, "member " + j + "'s seal key is invalid");
                }
                out.put(j, seal(key, aad(round, self.id(), j), shares.get(i).encode()));
            }
            return Result.ok(out);
        });
    }

    @Override
    public Result<ShamirShare> openShare(byte[] round, MemberKeys self, int from, byte[] fromSealPublic,
            byte[] sealed) {
        byte[] key = fromSealPublic.length == X25519.POINT_SIZE
                ? sealKey(self.sealPrivate(), fromSealPublic, round, from, self.id())
                : null;
        if (key == null || sealed.length < 12 + 16 + 2) {
            return Result.fail(ErrorCode.STUDY_SHARE_INVALID, "the share of member " + from + " is malformed");
        }
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
            gcm.updateAAD(aad(round, from, self.id()));
            return Result.ok(ShamirShare.decode(gcm.doFinal(sealed, 12, sealed.length - 12)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Result.fail(ErrorCode.STUDY_SHARE_INVALID, "the share of member " + from
                    + " does not open for member " + self.id());
        }
    }

    @Override
    public Result<long[]> mask(byte[] round, MemberKeys self, Map<Integer, byte[]> maskRoster, double[] update) {
        try {
            SecureAggregation.MemberKey key = new SecureAggregation.MemberKey(self.id(), self.maskPrivate(),
                    self.maskPublic());
            return Result.ok(SecureAggregation.mask(round, key, maskRoster, fixed.encode(update)));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.AGGREGATION_INVALID_ROUND, e.getMessage());
        }
    }

    @Override
    public Result<double[]> sum(byte[] round, Map<Integer, byte[]> maskRoster, Map<Integer, long[]> masked,
            Map<Integer, List<ShamirShare>> dropoutShares, int threshold) {
        try {
            return SecureAggregation.sum(round, maskRoster, masked, dropoutShares, threshold).map(fixed::decode);
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.AGGREGATION_INVALID_ROUND, e.getMessage());
        }
    }

    private static byte[] aad(byte[] round, int from, int to) {
        return ByteBuffer.allocate(round.length + 8).put(round).putInt(from).putInt(to).array();
    }

    /** The AES key sealing shares from {@code from} to {@code to}; null for a low-order peer key. */
    private static byte[] sealKey(byte[] privateKey, byte[] peerPublic, byte[] round, int from, int to) {
        byte[] shared = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(privateKey, 0, peerPublic, 0, shared, 0)) {
            return null;
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, SEAL_SALT, aad(round, from, to)));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        Arrays.fill(shared, (byte) 0);
        return key;
    }

    private byte[] seal(byte[] key, byte[] aad, byte[] plain) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(aad);
            byte[] ct = gcm.doFinal(plain);
            return ByteBuffer.allocate(12 + ct.length).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }
}
