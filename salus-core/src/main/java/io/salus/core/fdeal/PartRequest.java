package io.salus.core.fdeal;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.util.Objects;

/**
 * What the consumer's home node asks a member for its part of a federated deal (decision 0035): the member it is
 * addressed to, the deal and the escrow contract, the consumer (its home vouches for it), its organisation (whose
 * budget the member charges) and HPKE public key (the part is encrypted to it), the criteria in clear with the salt of
 * their on-chain commitment (the member checks one against the other), the member's allotment and the match's ε.
 * The terms themselves (categories, purpose, price, split, deadline) are read from the chain, not from the request.
 */
public record PartRequest(EvmAddress audience, Hash32 dealId, EvmAddress contract, EvmAddress consumer,
        String organisation, byte[] consumerPublicKey, byte[] criteria, Hash32 salt, int cap, String epsilon) {
    public PartRequest {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(organisation, "organisation");
        consumerPublicKey = consumerPublicKey.clone();
        criteria = criteria.clone();
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(epsilon, "epsilon");
    }

    @Override
    public byte[] consumerPublicKey() {
        return consumerPublicKey.clone();
    }

    @Override
    public byte[] criteria() {
        return criteria.clone();
    }
}
