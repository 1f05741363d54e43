package io.salus.core.consent;

import io.salus.core.account.EvmAddress;
import java.time.Instant;

/** The instructions patients, delegates and issuers sign (EIP-712 structs of the consent contracts). */
public final class Payloads {
    private Payloads() {
    }

    /** Revoke grant {@code grantId} (signed by its patient or a delegate managing consent). */
    public record Revoke(long grantId) {
    }

    /** Set a delegation; {@code scopes} 0 revokes it (signed by the patient). */
    public record Delegate(EvmAddress patient, EvmAddress delegate, int scopes, Instant validUntil) {
    }

    /** Attest an account's type and allowed purposes (signed by a trusted issuer). */
    public record Attest(EvmAddress subject, AttestationType type, int purposes, Instant validFrom,
            Instant validUntil) {
    }

    /** Revoke attestation {@code attestationId} (signed by its issuer). */
    public record RevokeAttestation(long attestationId) {
    }
}
