package io.salus.core.credential;

import io.salus.core.consent.AttestationType;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an issuer signs into a verifiable credential. Always visible: the id, the type, issuer and subject DIDs, the
 * validity, the holder key, the status list entry and the on-chain attestation that records it; every entry of
 * {@code disclosable} is a claim the holder may disclose or withhold one by one. Immutable.
 */
public record UnsignedCredential(String id, AttestationType type, String issuerDid, String subjectDid,
        HolderKey holderKey, Instant issuedAt, Instant expiresAt, String statusUri, int statusIndex,
        long attestationId, Map<String, Object> disclosable) {

    public UnsignedCredential {
        disclosable = Collections.unmodifiableMap(new LinkedHashMap<>(disclosable));
    }
}
