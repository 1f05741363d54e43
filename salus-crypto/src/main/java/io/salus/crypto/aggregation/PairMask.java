package io.salus.crypto.aggregation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The mask two members share in one round: X25519 between one's private and the other's public key, HKDF-SHA256 with
 * the round and both member ids as info (so a mask is never reused across rounds or pairs), expanded by AES-256-CTR
 * into 64-bit words. Both members of a pair, and an aggregator that reconstructed one member's private key, compute the
 * same words.
 */
final class PairMask {
    private PairMask() {
    }

    static long[] words(byte[] privateKey, byte[] peerPublicKey, byte[] round, int a, int b, int length) {
        byte[] shared = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, shared, 0)) {
            throw new IllegalArgumentException("a peer's public key is a low-order point");
        }
        byte[] info = ByteBuffer.allocate(round.length + 8).put(round).putInt(Math.min(a, b)).putInt(Math.max(a, b))
                .array();
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, "salus secure aggregation v1".getBytes(StandardCharsets.UTF_8), info));
        byte[] seed = new byte[32];
        hkdf.generateBytes(seed, 0, seed.length);
        try {
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(new byte[16]));
            ByteBuffer stream = ByteBuffer.wrap(ctr.doFinal(new byte[length * Long.BYTES])).order(ByteOrder.BIG_ENDIAN);
            long[] out = new long[length];
            for (int i = 0; i < length; i++) {
                out[i] = stream.getLong();
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is unavailable", e);
        }
    }
}
