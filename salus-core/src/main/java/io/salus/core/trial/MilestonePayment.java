package io.salus.core.trial;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A milestone the sponsor attested for an enrolled patient, and its payment by the escrow to the enrolment's payee:
 * {@code PENDING} until the transaction is mined, {@code PAID} with it, {@code REFUSED} (with the reason) when the
 * escrow refused it for good (e.g. after the deadline). One per study, patient and milestone.
 */
public record MilestonePayment(Hash32 study, AccountId patient, EvmAddress patientAddress, int index, String name,
        long fee, Status status, Optional<String> txHash, Optional<String> refusal, Instant attestedAt) {
    public enum Status {
        PENDING,
        PAID,
        REFUSED
    }

    public MilestonePayment {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(patientAddress, "patientAddress");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(txHash, "txHash");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(attestedAt, "attestedAt");
    }

    /** The outbox key of this payment: one per study, patient and milestone. */
    public String outboxKey() {
        return study.hex() + "|" + patientAddress.hex() + "|" + index;
    }
}
