package io.salus.core.credential;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import java.time.Instant;

/**
 * A verified presentation: the holder proved possession of the credential's key for this node, disclosing only
 * {@code disclosedJson} (the selectively disclosable claims it chose to reveal, as a JSON object). {@code purposes} is
 * a {@link io.salus.core.consent.Purpose} mask taken from the disclosed purposes.
 */
public record PresentedCredential(String id, String credentialId, EvmAddress holder, EvmAddress issuer,
        AttestationType type, int purposes, String disclosedJson, Instant validFrom, Instant validUntil,
        String statusUri, int statusIndex, long attestationId, Instant presentedAt) {
}
