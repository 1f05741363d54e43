package io.salus.zk;

import io.salus.zk.BabyJubJub.Point;
import io.salus.zk.EdDsaPoseidon.Signature;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What a provider hands the patient: one attribute of the patient with identity commitment {@code identity}, issued
 * at {@code issuedAt} (Unix seconds), and the provider's EdDSA-Poseidon signature over the commitment
 * Poseidon(identity, kind, value, issuedAt). Private to the patient: only proofs about it are shown.
 */
public record SignedAttribute(BigInteger identity, BigInteger kind, BigInteger value, long issuedAt, Point provider,
        Signature signature) {
    public SignedAttribute {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(signature, "signature");
        if (!Bn254.isElement(identity) || !Bn254.isElement(kind) || !Bn254.isElement(value) || issuedAt < 0) {
            throw new IllegalArgumentException("identity, kind and value are field elements, issuedAt non-negative");
        }
    }

    /** The provider side: signs the commitment to one attribute of the patient with this identity commitment. */
    public static SignedAttribute issue(EdDsaPoseidon.PrivateKey key, BigInteger identity, AttributeKind kind,
            BigInteger value, long issuedAt) {
        BigInteger k = kind.element();
        BigInteger m = commitment(identity, k, value, issuedAt);
        return new SignedAttribute(identity, k, value, issuedAt, key.publicKey(), key.sign(m));
    }

    public static BigInteger commitment(BigInteger identity, BigInteger kind, BigInteger value, long issuedAt) {
        return Poseidon.hash(identity, kind, value, BigInteger.valueOf(issuedAt));
    }

    public BigInteger commitment() {
        return commitment(identity, kind, value, issuedAt);
    }

    /** Whether the provider's signature verifies over the commitment. */
    public boolean signatureValid() {
        return EdDsaPoseidon.verify(commitment(), signature, provider);
    }
}
