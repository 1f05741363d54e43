package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.credential.StatusBits;
import io.salus.core.credential.VerifiedPresentation;
import io.salus.core.error.Result;
import java.time.Instant;
import java.util.Optional;

/**
 * Verifies what holders present and what issuers publish. A presentation is refused with the code of the first check
 * that fails (format, issuer signature, type, issuer trust, validity, key binding, audience, freshness, status list,
 * required disclosures); the nonce and the holder are for the caller to check. Thread-safe.
 */
public interface CredentialVerifier {

    Result<VerifiedPresentation> verify(String presentation, String audience, Instant now);

    /** The status bits of {@code token}, if it is a status list token for {@code uri} validly signed by {@code issuer}. */
    Optional<StatusBits> statusList(String token, String uri, EvmAddress issuer);
}
