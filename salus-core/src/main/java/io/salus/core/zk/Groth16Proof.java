package io.salus.core.zk;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A Groth16 proof over BN254 in the form the generated Solidity verifier takes: {@code a} (G1), {@code b} (G2, each
 * coordinate pair in the EVM precompile's order, imaginary part first, as snarkjs's {@code exportSolidityCallData}
 * gives it) and {@code c} (G1), every element a decimal field element.
 */
public record Groth16Proof(List<BigInteger> a, List<List<BigInteger>> b, List<BigInteger> c) {
    public Groth16Proof {
        a = List.copyOf(Objects.requireNonNull(a, "a"));
        b = Objects.requireNonNull(b, "b").stream().map(List::copyOf).toList();
        c = List.copyOf(Objects.requireNonNull(c, "c"));
        if (a.size() != 2 || c.size() != 2 || b.size() != 2 || b.get(0).size() != 2 || b.get(1).size() != 2) {
            throw new IllegalArgumentException("a Groth16 proof has a[2], b[2][2] and c[2]");
        }
    }
}
