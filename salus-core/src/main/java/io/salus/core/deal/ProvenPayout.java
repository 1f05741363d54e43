package io.salus.core.deal;

import io.salus.core.merkle.Hash32;
import java.util.List;
import java.util.Objects;

/** A payout with the Merkle proof of its leaf against the deal's committed cohort root, as a settlement sends it. */
public record ProvenPayout(Payout payout, List<Hash32> proof) {
    public ProvenPayout {
        Objects.requireNonNull(payout, "payout");
        proof = List.copyOf(proof);
    }
}
