package io.salus.core.deal;

import io.salus.core.account.EvmAddress;
import java.util.Objects;

/** A provider named in a payout and its weight in the providers' part (for example, records authored). */
public record ProviderShare(EvmAddress provider, int weight) {
    public ProviderShare {
        Objects.requireNonNull(provider, "provider");
        if (weight <= 0) {
            throw new IllegalArgumentException("a provider's weight is positive");
        }
    }
}
