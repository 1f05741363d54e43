package io.salus.core.deal;

import java.util.List;

/**
 * The amounts (token units) one patient's price is divided into. {@code providers} follows the payout's order of
 * providers; every amount is at least 0 and they sum to the price.
 */
public record Shares(long patient, List<Long> providers, long caregiver, long daoTreasury, long operator) {
    public Shares {
        providers = List.copyOf(providers);
    }

    public long providersTotal() {
        return providers.stream().mapToLong(Long::longValue).sum();
    }

    public long total() {
        return patient + providersTotal() + caregiver + daoTreasury + operator;
    }
}
