package io.salus.core.emergency;

import io.salus.core.account.AccountId;
import io.salus.core.consent.AttestationType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One emergency (break-the-glass) access: which responder opened which patient's emergency profile, on which
 * presented credential (its on-chain attestation), why, when and until when it may be read again; the AuditEvents
 * and the AccessLog transaction written before anything was shown; and, once a reviewer looked at it, the review.
 */
public record BreakGlassAccess(UUID id, AccountId responder, AccountId patient, String justification,
        AttestationType credentialType, long attestationId, Instant openedAt, Instant expiresAt,
        List<UUID> auditEntries, String txHash, Optional<BreakGlassReview> review) {

    public BreakGlassAccess {
        auditEntries = List.copyOf(auditEntries);
        if (!expiresAt.isAfter(openedAt)) {
            throw new IllegalArgumentException("an emergency access expires after it opens");
        }
    }

    /** Whether the profile may still be read at {@code at}: from opening until (excluding) the expiry. */
    public boolean activeAt(Instant at) {
        return !at.isBefore(openedAt) && at.isBefore(expiresAt);
    }

    public BreakGlassAccess reviewed(BreakGlassReview r) {
        return new BreakGlassAccess(id, responder, patient, justification, credentialType, attestationId, openedAt,
                expiresAt, auditEntries, txHash, Optional.of(r));
    }
}
