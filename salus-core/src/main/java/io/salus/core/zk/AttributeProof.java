package io.salus.core.zk;

import java.util.Objects;

/** A zero-knowledge attribute proof: the Groth16 proof and its public signals, all the verifier needs. */
public record AttributeProof(Groth16Proof proof, PublicSignals signals) {
    public AttributeProof {
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(signals, "signals");
    }

    /** The same proof claiming other public signals (what a tampering relay would send). */
    public AttributeProof withSignals(PublicSignals other) {
        return new AttributeProof(proof, other);
    }
}
