package io.salus.core.deal;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.util.Objects;
import java.util.Optional;

/**
 * A deal as the chain holds it: its terms, status, committed cohort, how many patients are paid, the escrow left and
 * what was refunded (0 until a refund), and the delivered package's hash once settlement began.
 */
public record DealState(Hash32 dealId, EvmAddress consumer, DealTerms terms, DealStatus status,
        Optional<Hash32> cohortRoot, int cohortSize, int paidPatients, long escrow, long refunded,
        Optional<Hash32> packageHash) {
    public DealState {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cohortRoot, "cohortRoot");
        Objects.requireNonNull(packageHash, "packageHash");
    }

    /** Paid out so far: price × paid patients. */
    public long paidOut() {
        return terms.pricePerPatient() * paidPatients;
    }
}
