package io.salus.core.credential;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a verified presentation establishes: the credential, its issuer (the on-chain address that signed it), its
 * holder's DID, the attestation type and purposes (a {@link io.salus.core.consent.Purpose} mask) it proves, and only
 * the claims the holder disclosed ({@code disclosed}, and the same as a JSON object in {@code disclosedJson}).
 * {@code nonce} is the key binding's nonce, for the caller to check against the nonces it issued. Immutable.
 */
public record VerifiedPresentation(String credentialId, AttestationType type, EvmAddress issuer, String subjectDid,
        int purposes, Map<String, Object> disclosed, String disclosedJson, Instant validFrom, Instant validUntil,
        String statusUri, int statusIndex, long attestationId, String nonce) {

    public VerifiedPresentation {
        disclosed = Collections.unmodifiableMap(new LinkedHashMap<>(disclosed));
    }
}
