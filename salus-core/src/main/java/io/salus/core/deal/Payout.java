package io.salus.core.deal;

import io.salus.core.account.EvmAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is paid for one patient of a deal: the patient, its caregiver if it has one, and the providers who authored the
 * delivered records with their weights (the first provider receives the division's remainder). The amounts are not
 * part of it: the contract computes them from the deal's price and split ({@link SplitCalculator}).
 */
public record Payout(EvmAddress patient, Optional<EvmAddress> caregiver, List<ProviderShare> providers) {
    public Payout {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(caregiver, "caregiver");
        providers = List.copyOf(providers);
    }

    /** A payout whose providers share the providers' part equally (the first one gets the remainder). */
    public static Payout equalShares(EvmAddress patient, Optional<EvmAddress> caregiver, List<EvmAddress> providers) {
        return new Payout(patient, caregiver, providers.stream().map(p -> new ProviderShare(p, 1)).toList());
    }

    public List<Integer> weights() {
        return providers.stream().map(ProviderShare::weight).toList();
    }
}
