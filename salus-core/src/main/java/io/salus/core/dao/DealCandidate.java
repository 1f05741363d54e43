package io.salus.core.dao;

import io.salus.core.consent.Purpose;
import io.salus.core.merkle.Hash32;
import java.util.Objects;

/**
 * What a DAO's policy judges of a deal at match time: its id, price per patient, the treasury's part of its split
 * (basis points), the ε of the match (thousandths), the consumer's attested types (mask) and the purpose.
 */
public record DealCandidate(Hash32 dealId, long pricePerPatient, int treasuryBps, int epsilonMilli,
        int consumerTypes, Purpose purpose) {
    public DealCandidate {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(purpose, "purpose");
    }
}
