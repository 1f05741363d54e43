package io.salus.zk;

import io.salus.zk.BabyJubJub.Point;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * EdDSA over BabyJubJub with Poseidon as the challenge hash, bit for bit as circomlibjs's {@code prv2pub},
 * {@code signPoseidon} and {@code verifyPoseidon} (and so as circomlib's {@code EdDSAPoseidonVerifier} accepts): the
 * private key is 32 bytes; its BLAKE-512 digest gives the pruned scalar s (public key A = (s >> 3)·Base8) and the
 * nonce prefix; r = BLAKE-512(prefix ‖ msg as 32 bytes LE) mod l, R8 = r·Base8,
 * S = r + Poseidon(R8, A, msg)·s mod l. Deterministic: no randomness at signing. Thread-safe.
 */
public final class EdDsaPoseidon {
    private EdDsaPoseidon() {
    }

    /** A signature: the point R8 and the scalar S. */
    public record Signature(Point r8, BigInteger s) {
        public Signature {
            Objects.requireNonNull(r8, "r8");
            Objects.requireNonNull(s, "s");
        }
    }

    /** A provider's signing key. Holds secret material: never logged ({@link #toString} hides it). */
    public static final class PrivateKey {
        private final byte[] bytes;
        private final BigInteger scalar;
        private final byte[] noncePrefix;
        private final Point publicKey;

        public PrivateKey(byte[] bytes) {
            if (bytes.length != 32) {
                throw new IllegalArgumentException("a BabyJubJub private key is 32 bytes");
            }
            this.bytes = bytes.clone();
            byte[] h = Blake512.digest(this.bytes);
            h[0] &= (byte) 0xF8;
            h[31] &= 0x7F;
            h[31] |= 0x40;
            this.scalar = Bn254.fromLittleEndian(h, 0, 32);
            this.noncePrefix = Arrays.copyOfRange(h, 32, 64);
            this.publicKey = BabyJubJub.multiply(BabyJubJub.BASE8, scalar.shiftRight(3));
        }

        /** A fresh key from {@code random}. */
        public static PrivateKey generate(SecureRandom random) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            return new PrivateKey(b);
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        public Point publicKey() {
            return publicKey;
        }

        /** Signs one field element. */
        public Signature sign(BigInteger message) {
            if (!Bn254.isElement(message)) {
                throw new IllegalArgumentException("the message must be a field element");
            }
            byte[] compose = new byte[64];
            System.arraycopy(noncePrefix, 0, compose, 0, 32);
            System.arraycopy(Bn254.toLittleEndian32(message), 0, compose, 32, 32);
            BigInteger r = Bn254.fromLittleEndian(Blake512.digest(compose), 0, 64).mod(BabyJubJub.SUBORDER);
            Point r8 = BabyJubJub.multiply(BabyJubJub.BASE8, r);
            BigInteger hm = Poseidon.hash(r8.x(), r8.y(), publicKey.x(), publicKey.y(), message);
            return new Signature(r8, r.add(hm.multiply(scalar)).mod(BabyJubJub.SUBORDER));
        }

        @Override
        public String toString() {
            return "PrivateKey[public " + publicKey + "]";
        }
    }

    /** Whether {@code sig} is a signature of {@code message} under {@code publicKey} (S·Base8 = R8 + 8·h·A, and 8·A not the
     * identity, as the circuit checks). */
    public static boolean verify(BigInteger message, Signature sig, Point publicKey) {
        if (!Bn254.isElement(message) || !sig.r8().onCurve() || !publicKey.onCurve()
                || sig.s().signum() < 0 || sig.s().compareTo(BabyJubJub.SUBORDER) >= 0
                || BabyJubJub.multiply(publicKey, BigInteger.valueOf(8)).x().signum() == 0) {
            return false;
        }
        BigInteger hm = Poseidon.hash(sig.r8().x(), sig.r8().y(), publicKey.x(), publicKey.y(), message);
        Point left = BabyJubJub.multiply(BabyJubJub.BASE8, sig.s());
        Point right = BabyJubJub.add(sig.r8(), BabyJubJub.multiply(publicKey, hm.shiftLeft(3)));
        return left.equals(right);
    }
}
