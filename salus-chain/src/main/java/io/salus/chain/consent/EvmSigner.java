package io.salus.chain.consent;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DigestSigner;
import java.math.BigInteger;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * secp256k1 signatures of 32-byte digests as the consent contracts accept them: 65 bytes {@code r ‖ s ‖ v}, v 27 or
 * 28, s in the lower half of the curve order (OpenZeppelin ECDSA's rules). Stateless and thread-safe.
 */
public final class EvmSigner implements DigestSigner {
    /** The order n of the secp256k1 group. */
    public static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();
    private static final BigInteger HALF_ORDER = CURVE_ORDER.shiftRight(1);

    /** Signs a digest as is (no prefix, no hashing): 65 bytes r ‖ s ‖ v with low s and v 27/28. */
    @Override
    public byte[] sign(Hash32 digest, byte[] privateKey32) {
        if (privateKey32.length != 32) {
            throw new IllegalArgumentException("a secp256k1 private key is 32 bytes");
        }
        Sign.SignatureData sig = Sign.signMessage(digest.bytes(), ECKeyPair.create(privateKey32), false);
        byte[] out = new byte[65];
        System.arraycopy(sig.getR(), 0, out, 0, 32);
        System.arraycopy(sig.getS(), 0, out, 32, 32);
        out[64] = sig.getV()[0];
        return out;
    }

    /**
     * The address that signed {@code digest}. Refuses what the contracts refuse: any length but 65 bytes (including
     * 64-byte EIP-2098 compact signatures) and high s as {@code MALLEABLE_SIGNATURE}; v other than 27/28, r or s out
     * of range, or no recoverable key as {@code INVALID_SIGNATURE}.
     */
    public Result<EvmAddress> recover(Hash32 digest, byte[] signature) {
        if (signature == null || signature.length != 65) {
            return Result.fail(ErrorCode.MALLEABLE_SIGNATURE, "a signature is 65 bytes r ‖ s ‖ v, not "
                    + (signature == null ? 0 : signature.length) + " (compact EIP-2098 signatures are refused)");
        }
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
        int v = signature[64] & 0xff;
        if (s.compareTo(HALF_ORDER) > 0) {
            return Result.fail(ErrorCode.MALLEABLE_SIGNATURE, "the signature's s is in the upper half of the curve "
                    + "order (a malleated signature)");
        }
        if (v != 27 && v != 28) {
            return Result.fail(ErrorCode.INVALID_SIGNATURE, "the signature's v is " + v + ", not 27 or 28");
        }
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(CURVE_ORDER) >= 0) {
            return Result.fail(ErrorCode.INVALID_SIGNATURE, "the signature's r or s is out of range");
        }
        BigInteger key;
        try {
            key = Sign.recoverFromSignature(v - 27, new ECDSASignature(r, s), digest.bytes());
        } catch (RuntimeException e) {
            key = null;
        }
        if (key == null) {
            return Result.fail(ErrorCode.INVALID_SIGNATURE, "no public key recovers from the signature");
        }
        return Result.ok(new EvmAddress(Numeric.prependHexPrefix(Keys.getAddress(key))));
    }

    /** The address of a private key. */
    public static EvmAddress addressOf(byte[] privateKey32) {
        return new EvmAddress(Numeric.prependHexPrefix(Keys.getAddress(ECKeyPair.create(privateKey32))));
    }
}
