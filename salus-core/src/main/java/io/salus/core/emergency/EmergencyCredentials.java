package io.salus.core.emergency;

import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a responder's attestations opens an emergency profile: one backed by a presented credential (not an
 * on-chain attestation alone) of type {@link AttestationType#EMERGENCY_RESPONDER} or
 * {@link AttestationType#PHYSICIAN_LICENCE}, disclosing a treatment purpose (ETREAT or TREAT), valid at the time and
 * not revoked at the block. A revoked one is named as such; anything else is {@code EMERGENCY_CREDENTIAL_REQUIRED}.
 * Pure.
 */
public final class EmergencyCredentials {
    /** The credential types a responder may break the glass with. */
    public static final Set<AttestationType> TYPES = EnumSet.of(AttestationType.EMERGENCY_RESPONDER,
            AttestationType.PHYSICIAN_LICENCE);
    private static final int TREATMENT = Purpose.ETREAT.mask() | Purpose.TREAT.mask();

    private EmergencyCredentials() {
    }

    /**
     * @param attestations the responder's attestations as the decision point sees them (trusted issuers only;
     *                     presented credentials with their status re-read)
     * @param credentialBacked ids of the attestations that record credentials issued to the responder
     */
    public static Result<Attestation> check(List<Attestation> attestations, Set<Long> credentialBacked, Instant at,
            long block) {
        List<Attestation> candidates = attestations.stream()
                .filter(a -> TYPES.contains(a.type()) && credentialBacked.contains(a.id())
                        && (a.purposes() & TREATMENT) != 0)
                .toList();
        if (candidates.isEmpty()) {
            return Result.fail(ErrorCode.EMERGENCY_CREDENTIAL_REQUIRED,
                    "no presented emergency-responder or physician credential for treatment from a trusted issuer");
        }
        for (Attestation a : candidates) {
            if (a.validAt(at) && !a.revokedAt(block)) {
                return Result.ok(a);
            }
        }
        if (candidates.stream().anyMatch(a -> a.revokedAt(block))) {
            return Result.fail(ErrorCode.EMERGENCY_CREDENTIAL_REVOKED,
                    "the responder's emergency credential was revoked by its issuer");
        }
        return Result.fail(ErrorCode.EMERGENCY_CREDENTIAL_REQUIRED, "the responder's emergency credential expired");
    }
}
