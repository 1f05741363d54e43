package io.salus.crypto.credential;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an issuer puts into an SD-JWT VC. Always visible: {@code vct}, {@code jti}, {@code iss}, {@code sub},
 * {@code iat}, {@code nbf}, {@code exp}, {@code cnf} (the holder's public key), {@code status} (status list index and
 * URI) and {@code attestation_id} (the on-chain record). Every entry of {@code disclosable} becomes a selectively
 * disclosable claim with its own salted disclosure.
 */
public record CredentialDraft(String id, CredentialKind kind, String issuerDid, String subjectDid, ECKey holderKey,
        Instant issuedAt, Instant expiresAt, String statusUri, int statusIndex, long attestationId,
        Map<String, Object> disclosable) {

    public CredentialDraft {
        Objects.requireNonNull(holderKey, "holderKey");
        if (holderKey.isPrivate()) {
            throw new IllegalArgumentException("the holder key in a credential must be public");
        }
        disclosable = new LinkedHashMap<>(disclosable);
    }
}
