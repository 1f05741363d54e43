package io.salus.core.consent;

import io.salus.core.account.EvmAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * An issuer's on-chain statement that {@code subject} is of {@code type}, allowed to use data for {@code purposes} (a
 * {@link Purpose} mask), within {@code [validFrom, validUntil)}; revocable by its issuer.
 */
public record Attestation(long id, EvmAddress issuer, EvmAddress subject, AttestationType type, int purposes,
        Instant validFrom, Instant validUntil, long issuedAtBlock, Optional<Long> revokedAtBlock) {

    public boolean revokedAt(long block) {
        return revokedAtBlock.isPresent() && revokedAtBlock.get() <= block;
    }

    public boolean validAt(Instant t) {
        return !t.isBefore(validFrom) && t.isBefore(validUntil);
    }
}
