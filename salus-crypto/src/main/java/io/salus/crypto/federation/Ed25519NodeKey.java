package io.salus.crypto.federation;

import io.salus.core.account.EvmAddress;
import io.salus.core.federation.NodeKey;
import io.salus.core.federation.SignatureCheck;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The node's Ed25519 key for requests to other nodes (RFC 9421, {@code alg="ed25519"}), on BouncyCastle: the
 * {@link NodeKey} adapter, and the {@link SignatureCheck} adapter that verifies other nodes' signatures with the keys
 * the NodeRegistry lists. The private seed is the caller's to keep sealed (under the KEK). Thread-safe.
 */
public final class Ed25519NodeKey implements NodeKey, SignatureCheck {
    private static final int SIGNATURE_BYTES = 64;
    private final EvmAddress node;
    private final Ed25519PrivateKeyParameters key;

    /** @param seed the 32-byte private seed (copied) */
    public Ed25519NodeKey(EvmAddress node, byte[] seed) {
        this.node = node;
        this.key = new Ed25519PrivateKeyParameters(seed, 0);
    }

    /** A fresh 32-byte private seed. */
    public static byte[] newSeed(SecureRandom random) {
        return new Ed25519PrivateKeyParameters(random).getEncoded();
    }

    /** Only verifies (a node that has no key of its own yet, or a test). */
    public static SignatureCheck verifier() {
        return Ed25519NodeKey::check;
    }

    @Override
    public EvmAddress node() {
        return node;
    }

    @Override
    public byte[] publicKey() {
        return key.generatePublicKey().getEncoded();
    }

    /**
     * The X25519 private key of this node's key (RFC 7748 form of the Ed25519 key: the clamped first half of
     * SHA-512 of the seed), which opens what other nodes seal to {@link Ed25519Agreement#publicKeyOf} of the registered
     * key (a moved bank, decision 0036). The caller wipes it.
     */
    public byte[] agreementPrivateKey() {
        return Ed25519Agreement.privateKeyOf(key.getEncoded());
    }

    @Override
    public byte[] sign(byte[] message) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        s.update(message, 0, message.length);
        return s.generateSignature();
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        return check(publicKey, message, signature);
    }

    private static boolean check(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE || signature.length != SIGNATURE_BYTES
                || Arrays.equals(publicKey, new byte[32])) {
            return false;
        }
        try {
            Ed25519Signer v = new Ed25519Signer();
            v.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
            v.update(message, 0, message.length);
            return v.verifySignature(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
