package io.salus.crypto.credential;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hashing;
import java.math.BigInteger;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An account's secp256k1 key as a JWK (ES256K): the public half goes into an issuer-signed JWT's header, and the EVM
 * address derived from it must be the address in the {@code iss} DID, so the signer is the on-chain issuer account.
 * Stateless and thread-safe.
 */
public final class Secp256k1Jwk {
    /** The JCA provider for secp256k1 (the JDK's SunEC no longer offers the curve). */
    static final Provider BC = new BouncyCastleProvider();
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

    private Secp256k1Jwk() {
    }

    /** The public JWK of a 32-byte private key. */
    public static ECKey publicJwk(byte[] privateKey) {
        ECPoint q = CURVE.getG().multiply(new BigInteger(1, privateKey)).normalize();
        return new ECKey.Builder(Curve.SECP256K1, Base64URL.encode(fixed(q.getAffineXCoord().getEncoded())),
                Base64URL.encode(fixed(q.getAffineYCoord().getEncoded()))).build();
    }

    static ECPrivateKey privateKey(byte[] privateKey) {
        ECKey pub = publicJwk(privateKey);
        try {
            return new ECKey.Builder(pub).d(Base64URL.encode(fixed(privateKey))).build().toECPrivateKey(BC);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("not a secp256k1 private key", e);
        }
    }

    /** The EVM address of a secp256k1 public JWK: the last 20 bytes of keccak-256(x ‖ y). */
    public static EvmAddress address(ECKey jwk) {
        if (!Curve.SECP256K1.equals(jwk.getCurve())) {
            throw new IllegalArgumentException("not a secp256k1 key");
        }
        byte[] x = fixed(jwk.getX().decode());
        byte[] y = fixed(jwk.getY().decode());
        byte[] h = Hashing.keccak256(x, y).bytes();
        return EvmAddress.of(Arrays.copyOfRange(h, 12, 32));
    }

    /** The address at the end of a {@code did:pkh:eip155:<chain>:<address>} DID. */
    public static EvmAddress addressOfDid(String did) {
        if (did == null || !did.startsWith("did:pkh:eip155:")) {
            throw new IllegalArgumentException("not a did:pkh:eip155 DID: " + did);
        }
        return new EvmAddress(did.substring(did.lastIndexOf(':') + 1));
    }

    private static byte[] fixed(byte[] b) {
        if (b.length == 32) {
            return b;
        }
        byte[] out = new byte[32];
        int n = Math.min(32, b.length);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }
}
