package io.salus.core.trial;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An eligible patient's invitation to a study: kept by the node and shown to the patient only; the sponsor never sees
 * an invitation, only enrolments of patients who accepted.
 */
public record Invitation(UUID id, Hash32 study, AccountId patient, Status status, Instant invitedAt,
        Optional<Instant> answeredAt) {
    public enum Status {
        INVITED,
        ACCEPTED,
        DECLINED
    }

    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(invitedAt, "invitedAt");
        Objects.requireNonNull(answeredAt, "answeredAt");
    }
}
