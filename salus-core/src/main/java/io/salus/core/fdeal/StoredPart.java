package io.salus.core.fdeal;

import io.salus.core.account.EvmAddress;
import io.salus.core.deal.Payout;
import io.salus.core.deal.StagedPackage;
import io.salus.core.merkle.Hash32;
import java.util.List;
import java.util.Objects;

/**
 * This node's part of a federated deal as it keeps it in PostgreSQL: the escrow contract, the asking home node and
 * the consumer, the noisy size released, the committed sub-cohort (its payouts in leaf order, allotment), the staged
 * package and whether its settlement completed. Stored before the first settlement chunk is sent, so a repeated
 * request settles the same package and pays only who is not yet paid.
 */
public record StoredPart(Hash32 dealId, EvmAddress contract, EvmAddress home, EvmAddress consumer, String released,
        int cap, List<Payout> payouts, StagedPackage staged, boolean settled) {
    public StoredPart {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(released, "released");
        payouts = List.copyOf(payouts);
        Objects.requireNonNull(staged, "staged");
    }
}
