package io.salus.core.credential;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import java.time.Instant;
import java.util.Optional;

/**
 * The issuer-side record of an SD-JWT credential the node issued: who issued it to whom, of which type, its index in
 * the issuer's status list, the on-chain attestation that records it, its validity and whether it was revoked. The
 * credential itself (and its claims) is not kept: the holder keeps it.
 */
public record IssuedCredential(String id, EvmAddress issuer, EvmAddress subject, AttestationType type,
        int statusIndex, Optional<Long> attestationId, Instant issuedAt, Instant expiresAt,
        Optional<Instant> revokedAt) {

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
