package io.salus.testkit.chain;

import io.salus.chain.consent.EvmSigner;
import java.math.BigInteger;
import java.util.Arrays;

/** Signature mutations the attack tests send: still valid for plain ecrecover, refused by every Salus rule. */
public final class Signatures {
    private Signatures() {
    }

    /** The malleated twin of a valid signature: s' = n − s, v flipped (also valid for plain ecrecover). */
    public static byte[] highS(byte[] sig) {
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        byte[] out = Arrays.copyOf(sig, 65);
        byte[] hs = EvmSigner.CURVE_ORDER.subtract(s).toByteArray();
        Arrays.fill(out, 32, 64, (byte) 0);
        int len = Math.min(hs.length, 32);
        System.arraycopy(hs, hs.length - len, out, 64 - len, len);
        out[64] = (byte) (sig[64] == 27 ? 28 : 27);
        return out;
    }

    /** The EIP-2098 compact form: r ‖ (yParity << 255 | s). */
    public static byte[] compact(byte[] sig) {
        byte[] out = Arrays.copyOf(sig, 64);
        if (sig[64] == 28) {
            out[32] |= (byte) 0x80;
        }
        return out;
    }
}
