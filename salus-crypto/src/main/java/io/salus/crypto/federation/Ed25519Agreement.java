package io.salus.crypto.federation;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The X25519 key of an Ed25519 key (the birational map of RFC 7748 section 4.1, as libsodium's
 * {@code crypto_sign_ed25519_pk_to_curve25519} and {@code _sk_to_curve25519}), so that a node can seal to another node
 * with nothing but the Ed25519 key the NodeRegistry lists for it. Stateless.
 */
public final class Ed25519Agreement {
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    private Ed25519Agreement() {
    }

    /** The X25519 public key u = (1 + y) / (1 - y) mod p of a 32-byte Ed25519 public key. */
    public static byte[] publicKeyOf(byte[] ed25519PublicKey) {
        if (ed25519PublicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        byte[] le = ed25519PublicKey.clone();
        le[31] &= 0x7f;
        BigInteger y = new BigInteger(1, reverse(le));
        BigInteger one = BigInteger.ONE;
        BigInteger u = one.add(y).multiply(one.subtract(y).mod(P).modInverse(P)).mod(P);
        byte[] be = u.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < Math.min(32, be.length); i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    /** The clamped X25519 private key of a 32-byte Ed25519 seed: the first half of SHA-512(seed). */
    static byte[] privateKeyOf(byte[] seed) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-512").digest(seed);
            byte[] k = Arrays.copyOf(h, 32);
            Arrays.fill(h, (byte) 0);
            k[0] &= (byte) 248;
            k[31] &= 127;
            k[31] |= 64;
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is missing", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}
