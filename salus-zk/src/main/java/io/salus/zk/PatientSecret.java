package io.salus.zk;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * The patient's proving secret: a random field element that never leaves the patient's side. Providers sign
 * attributes over its {@link #identity() identity commitment} Poseidon(secret); the nullifier of a scope is
 * Poseidon(secret, scope), which nobody without the secret can compute or link across scopes.
 */
public final class PatientSecret {
    private final BigInteger value;

    public PatientSecret(BigInteger value) {
        if (value.signum() <= 0 || !Bn254.isElement(value)) {
            throw new IllegalArgumentException("a patient secret is a non-zero field element");
        }
        this.value = value;
    }

    public static PatientSecret generate(SecureRandom random) {
        BigInteger v;
        do {
            v = new BigInteger(254, random);
        } while (v.signum() == 0 || !Bn254.isElement(v));
        return new PatientSecret(v);
    }

    public BigInteger value() {
        return value;
    }

    /** The identity commitment a provider signs over: Poseidon(secret). */
    public BigInteger identity() {
        return Poseidon.hash(value);
    }

    /** The nullifier in a scope: Poseidon(secret, scope). */
    public BigInteger nullifier(BigInteger scope) {
        return Poseidon.hash(value, scope);
    }

    @Override
    public String toString() {
        return "PatientSecret[hidden]";
    }
}
