package io.salus.crypto.internal;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hashing;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * Account key material with BouncyCastle: secp256k1 signing keys (32-byte big-endian private key, 65-byte uncompressed
 * SEC1 public key) with their EVM address, and X25519 encryption keys (32 bytes each). Stateless and thread-safe.
 */
public final class AccountKeyPairs {
    private static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(SECP256K1);

    private AccountKeyPairs() {
    }

    /** A raw key pair: private and public bytes. */
    public record Pair(byte[] privateKey, byte[] publicKey) {
    }

    public static Pair newSigningKey(SecureRandom random) {
        BigInteger n = DOMAIN.getN();
        BigInteger d;
        do {
            d = BigIntegers.createRandomBigInteger(256, random);
        } while (d.signum() == 0 || d.compareTo(n) >= 0);
        byte[] priv = BigIntegers.asUnsignedByteArray(32, d);
        return new Pair(priv, signingPublicKey(priv));
    }

    /** The uncompressed public key {@code 04 ‖ x ‖ y} of a 32-byte secp256k1 private key. */
    public static byte[] signingPublicKey(byte[] privateKey) {
        BigInteger d = new BigInteger(1, privateKey);
        if (privateKey.length != 32 || d.signum() == 0 || d.compareTo(DOMAIN.getN()) >= 0) {
            throw new IllegalArgumentException("not a secp256k1 private key");
        }
        return new FixedPointCombMultiplier().multiply(DOMAIN.getG(), d).normalize().getEncoded(false);
    }

    /** The EVM address: the last 20 bytes of keccak256 of the public key without its 0x04 prefix. */
    public static EvmAddress address(byte[] uncompressedPublicKey) {
        if (uncompressedPublicKey.length != 65 || uncompressedPublicKey[0] != 0x04) {
            throw new IllegalArgumentException("not an uncompressed secp256k1 public key");
        }
        byte[] hash = Hashing.keccak256(Arrays.copyOfRange(uncompressedPublicKey, 1, 65)).bytes();
        return EvmAddress.of(Arrays.copyOfRange(hash, 12, 32));
    }

    public static Pair newEncryptionKey(SecureRandom random) {
        X25519PrivateKeyParameters priv = new X25519PrivateKeyParameters(random);
        return new Pair(priv.getEncoded(), priv.generatePublicKey().getEncoded());
    }

    /** The X25519 public key of a 32-byte private key. */
    public static byte[] encryptionPublicKey(byte[] privateKey) {
        return new X25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
    }
}
