package io.salus.core.usecase.deal;

import io.salus.core.privacy.Epsilon;
import java.time.Duration;
import java.util.Objects;

/**
 * The node's deal rules: the ε a match costs the consumer organisation unless the consumer names another, the least
 * escrow a deal may hold (token units), and how far from its deadline a deal must still be for the node to deliver it
 * (so that its settlement can be mined before the deadline).
 */
public record DealSettings(Epsilon matchEpsilon, long minEscrow, Duration deliveryMargin) {
    public DealSettings {
        Objects.requireNonNull(matchEpsilon, "matchEpsilon");
        Objects.requireNonNull(deliveryMargin, "deliveryMargin");
        if (minEscrow < 0 || deliveryMargin.isNegative()) {
            throw new IllegalArgumentException("a minimum escrow and a delivery margin are at least 0");
        }
    }
}
