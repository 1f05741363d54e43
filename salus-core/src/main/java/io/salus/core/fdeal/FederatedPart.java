package io.salus.core.fdeal;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.util.Objects;

/**
 * One member's part of a federated deal as the chain holds it (decision 0035): its sub-cohort root, its allotment (the
 * most patients it may pay), how many it paid, and the package hashes its first settlement chunk recorded
 * ({@link Hash32#ZERO} before).
 */
public record FederatedPart(EvmAddress member, Status status, int cap, int paid, Hash32 root, Hash32 packageHash,
        Hash32 ciphertextHash) {

    /** The part's lifecycle, in the contract's order. */
    public enum Status {
        NONE,
        COMMITTED,
        SETTLING,
        SETTLED
    }

    public FederatedPart {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(packageHash, "packageHash");
        Objects.requireNonNull(ciphertextHash, "ciphertextHash");
    }
}
