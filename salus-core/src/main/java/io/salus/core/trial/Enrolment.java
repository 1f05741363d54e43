package io.salus.core.trial;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A patient who accepted a study's invitation: their study-scoped consent (the EIP-712 signature the escrow verifies,
 * hex), who is paid the fee, the FHIR {@code ResearchSubject}, and the payment: {@code PENDING} until the escrow's
 * transaction is mined, {@code PAID} with it, {@code REFUSED} (with the reason) when the escrow refused it for good.
 */
public record Enrolment(Hash32 study, AccountId patient, EvmAddress patientAddress, EvmAddress payee,
        String consentSignature, String researchSubjectJson, Status status, Optional<String> txHash,
        Optional<String> refusal, Instant enrolledAt) {
    public enum Status {
        PENDING,
        PAID,
        REFUSED
    }

    public Enrolment {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(patientAddress, "patientAddress");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(consentSignature, "consentSignature");
        Objects.requireNonNull(researchSubjectJson, "researchSubjectJson");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(txHash, "txHash");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(enrolledAt, "enrolledAt");
    }

    /** The outbox key of this enrolment's payment: one per study and patient. */
    public String outboxKey() {
        return study.hex() + "|" + patientAddress.hex();
    }
}
