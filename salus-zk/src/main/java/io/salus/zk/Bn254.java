package io.salus.zk;

import java.math.BigInteger;

/**
 * The scalar field of the BN254 curve, the field every circom signal, Poseidon input and BabyJubJub coordinate lives
 * in (also the bound the on-chain verifier checks every public input against). Stateless and thread-safe.
 */
public final class Bn254 {
    /** The field modulus r. */
    public static final BigInteger R = new BigInteger(
            "21888242871839275222246405745257275088548364400416034343698204186575808495617");

    private Bn254() {
    }

    /** Whether {@code x} is a canonical field element (0 &lt;= x &lt; r). */
    public static boolean isElement(BigInteger x) {
        return x.signum() >= 0 && x.compareTo(R) < 0;
    }

    static BigInteger add(BigInteger a, BigInteger b) {
        return a.add(b).mod(R);
    }

    static BigInteger sub(BigInteger a, BigInteger b) {
        return a.subtract(b).mod(R);
    }

    static BigInteger mul(BigInteger a, BigInteger b) {
        return a.multiply(b).mod(R);
    }

    static BigInteger div(BigInteger a, BigInteger b) {
        return a.multiply(b.modInverse(R)).mod(R);
    }

    /** Reads {@code len} bytes at {@code off} as an unsigned little-endian integer. */
    static BigInteger fromLittleEndian(byte[] bytes, int off, int len) {
        byte[] be = new byte[len + 1];
        for (int i = 0; i < len; i++) {
            be[len - i] = bytes[off + i];
        }
        return new BigInteger(be);
    }

    /** The 32-byte little-endian representation of a field element. */
    static byte[] toLittleEndian32(BigInteger x) {
        byte[] be = x.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }
}
