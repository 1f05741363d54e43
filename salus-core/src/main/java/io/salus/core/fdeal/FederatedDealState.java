package io.salus.core.fdeal;

import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealTerms;
import java.util.Objects;

/**
 * A federated deal's escrow as the chain holds it: its consumer and terms, the patients allotted to parts and paid
 * across them, the parts being settled, the escrow left and what was refunded (token units).
 */
public record FederatedDealState(EvmAddress consumer, DealTerms terms, int allotted, int paidPatients,
        int settlingParts, long escrow, long refunded) {
    public FederatedDealState {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(terms, "terms");
    }
}
