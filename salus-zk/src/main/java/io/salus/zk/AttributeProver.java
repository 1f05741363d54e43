package io.salus.zk;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.zk.AttributeProof;
import java.math.BigInteger;

/**
 * The patient's side of an attribute proof: checks what the circuit would refuse first, so that a claim that cannot
 * be proven fails fast with a precise code, then proves with the {@link NodeProver}. The circuit enforces every one of
 * these checks itself: skipping them only turns the precise code into {@code ZK_WITNESS_REJECTED}. Thread-safe.
 */
public final class AttributeProver {
    private final NodeProver prover;

    public AttributeProver(NodeProver prover) {
        this.prover = prover;
    }

    public Result<AttributeProof> prove(SignedAttribute attribute, PatientSecret secret, Claim claim) {
        if (!attribute.identity().equals(secret.identity()) || !attribute.signatureValid()) {
            return Result.fail(ErrorCode.ZK_SIGNATURE_INVALID, "the provider's signature does not cover this "
                    + "attribute of this patient");
        }
        if (!attribute.kind().equals(claim.kind().element())) {
            return Result.fail(ErrorCode.ZK_PREDICATE_FALSE, "the attribute is not of kind " + claim.kind().name());
        }
        if (attribute.value().compareTo(AttributeCodes.MAX_VALUE) > 0) {
            return Result.fail(ErrorCode.ZK_INPUT_OUT_OF_RANGE, "the value exceeds " + AttributeCodes.VALUE_BITS
                    + " bits");
        }
        if (!claim.predicate().holdsFor(attribute.value())) {
            return Result.fail(ErrorCode.ZK_PREDICATE_FALSE, "the value is outside [" + claim.predicate().lo() + ", "
                    + claim.predicate().hi() + "]");
        }
        if (attribute.issuedAt() < claim.notBefore() || BigInteger.valueOf(attribute.issuedAt()).bitLength() > 64) {
            return Result.fail(ErrorCode.ZK_COMMITMENT_STALE, "the attribute was issued before " + claim.notBefore());
        }
        return prover.prove(WitnessInput.of(attribute, secret, claim));
    }
}
