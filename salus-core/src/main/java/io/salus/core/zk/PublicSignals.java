package io.salus.core.zk;

import io.salus.core.account.EvmAddress;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The public signals of an attribute proof, in the circuit's order (the output first, then the public inputs as the
 * circuit declares them). Everything else (the patient's secret, the attribute's value, the issuance time, the
 * provider's signature) stays with the prover.
 *
 * @param nullifier Poseidon(secret, scope): the same for one patient in one scope, unlinkable across scopes
 * @param providerAx the provider's BabyJubJub public key, x
 * @param providerAy the provider's BabyJubJub public key, y
 * @param kind the attribute's kind (a field element, see docs/zk.md)
 * @param lo the value is at least this
 * @param hi the value is at most this
 * @param notBefore the signed attribute was issued at or after this (Unix seconds)
 * @param scope the scope the nullifier is for (a DAO, a study)
 * @param recipient the address the proof is for, as a number
 */
public record PublicSignals(BigInteger nullifier, BigInteger providerAx, BigInteger providerAy, BigInteger kind,
        BigInteger lo, BigInteger hi, BigInteger notBefore, BigInteger scope, BigInteger recipient) {
    public static final int COUNT = 9;

    public PublicSignals {
        for (BigInteger x : List.of(nullifier, providerAx, providerAy, kind, lo, hi, notBefore, scope, recipient)) {
            Objects.requireNonNull(x, "signal");
            if (x.signum() < 0) {
                throw new IllegalArgumentException("public signals are non-negative field elements");
            }
        }
    }

    /** From the circuit's order, as snarkjs returns them. */
    public static PublicSignals of(List<BigInteger> s) {
        if (s.size() != COUNT) {
            throw new IllegalArgumentException(
                    "the attribute circuit has " + COUNT + " public signals, not " + s.size());
        }
        return new PublicSignals(s.get(0), s.get(1), s.get(2), s.get(3), s.get(4), s.get(5), s.get(6), s.get(7),
                s.get(8));
    }

    /** In the circuit's order, as the verifier takes them. */
    public List<BigInteger> asList() {
        return List.of(nullifier, providerAx, providerAy, kind, lo, hi, notBefore, scope, recipient);
    }

    /** The recipient as an address. */
    public EvmAddress recipientAddress() {
        if (recipient.bitLength() > 160) {
            throw new IllegalStateException("the recipient signal is not an address");
        }
        byte[] be = recipient.toByteArray();
        byte[] twenty = new byte[20];
        int n = Math.min(20, be.length);
        System.arraycopy(be, be.length - n, twenty, 20 - n, n);
        return EvmAddress.of(twenty);
    }

    /** An address as the number the circuit takes. */
    public static BigInteger addressSignal(EvmAddress address) {
        return new BigInteger(1, HexFormat.of().parseHex(address.hex().substring(2)));
    }
}
