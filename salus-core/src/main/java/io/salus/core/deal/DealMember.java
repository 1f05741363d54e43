package io.salus.core.deal;

import io.salus.core.account.AccountId;
import java.util.Objects;
import java.util.Optional;

/**
 * One patient of a matched deal: their leaf's index in the committed cohort tree, the patient's and (if any) the
 * caregiver's account, and the payout the leaf commits (pseudonym, claim addresses, providers). After the patient's
 * erasure the account is gone from a settled deal's member (the payout stays: it is on chain). Immutable.
 */
public record DealMember(int index, Optional<AccountId> patient, Optional<AccountId> caregiver, Payout payout) {
    public DealMember {
        if (index < 0) {
            throw new IllegalArgumentException("a leaf index is at least 0");
        }
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(caregiver, "caregiver");
        Objects.requireNonNull(payout, "payout");
    }
}
