package io.salus.core.privacy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An organisation's privacy budget in the current period: the total epsilon it may spend and what it has spent
 * (sequential composition: the epsilons of all its queries add up), and when the budget renews (empty: never). Exact
 * decimals. Immutable.
 */
public record Remaining(String organisation, BigDecimal total, BigDecimal spent, Optional<Instant> renewsAt) {

    /** A budget that never renews. */
    public Remaining(String organisation, BigDecimal total, BigDecimal spent) {
        this(organisation, total, spent, Optional.empty());
    }

    public Remaining {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(renewsAt, "renewsAt");
        if (total.signum() < 0 || spent.signum() < 0 || spent.compareTo(total) > 0) {
            throw new IllegalArgumentException("inconsistent budget: spent " + spent + " of " + total);
        }
    }

    /** The epsilon still available: {@code total - spent}, never negative. */
    public BigDecimal remaining() {
        return total.subtract(spent).stripTrailingZeros();
    }

    /** Whether one more query at {@code eps} fits. */
    public boolean allows(Epsilon eps) {
        return spent.add(eps.value()).compareTo(total) <= 0;
    }

    /** How many more queries at {@code eps} fit: {@code floor(remaining / eps)}. */
    public long affordable(Epsilon eps) {
        return total.subtract(spent).divideToIntegralValue(eps.value()).longValueExact();
    }
}
