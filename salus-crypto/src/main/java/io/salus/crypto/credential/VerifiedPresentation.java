package io.salus.crypto.credential;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import java.time.Instant;
import java.util.Map;

/**
 * What a verified SD-JWT+KB presentation establishes: the credential, its issuer (the on-chain address that signed it),
 * its holder's DID, the attestation type and purposes it proves, and only the claims the holder disclosed.
 * {@code nonce} is the key-binding JWT's nonce, for the caller to check against the nonces it issued.
 */
public record VerifiedPresentation(String credentialId, CredentialKind kind, AttestationType type,
        EvmAddress issuer, String subjectDid, int purposes, Map<String, Object> disclosed, Instant validFrom,
        Instant validUntil, String statusUri, int statusIndex, long attestationId, String nonce) {

    public VerifiedPresentation {
        disclosed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(disclosed));
    }
}
