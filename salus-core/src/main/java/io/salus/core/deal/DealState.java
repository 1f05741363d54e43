package io.salus.core.deal;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.util.Objects;
import java.util.Optional;

/**
 * A deal as the chain holds it: its terms, status, committed cohort root (no size: nothing exact about the cohort is
 * on chain before payment), how many patients are paid, the escrow left and what was refunded (0 until a refund), and
 * the package's plaintext and ciphertext hashes once settlement began.
 */
public record DealState(Hash32 dealId, EvmAddress consumer, DealTerms terms, DealStatus status,
        Optional<Hash32> cohortRoot, int paidPatients, long escrow, long refunded, Optional<Hash32> packageHash,
        Optional<Hash32> ciphertextHash) {
    public DealState {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cohortRoot, "cohortRoot");
        Objects.requireNonNull(packageHash, "packageHash");
        Objects.requireNonNull(ciphertextHash, "ciphertextHash");
    }

    /** Paid out so far: price × paid patients. */
    public long paidOut() {
        return terms.pricePerPatient() * paidPatients;
    }
}
