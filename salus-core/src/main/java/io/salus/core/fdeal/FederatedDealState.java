package io.salus.core.fdeal;

import io.salus.core.account.EvmAddress;
import java.util.Objects;

/**
 * A federated deal's escrow as the chain holds it: its consumer, the patients allotted to parts and paid across them,
 * the escrow left and what was refunded (token units).
 */
public record FederatedDealState(EvmAddress consumer, int maxPatients, int allotted, int paidPatients,
        int settlingParts, long escrow, long refunded) {
    public FederatedDealState {
        Objects.requireNonNull(consumer, "consumer");
    }
}
