package io.salus.core.smart;

import io.salus.core.account.AccountId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs and verifies the node's SMART access tokens (signed JWTs). {@link #verify} checks only the signature and the
 * form; expiry, audience and revocation are the authorization server's. Thread-safe.
 */
public interface AccessTokens {

    /** What an access token says. */
    record Claims(String tokenId, UUID grantId, String clientId, AccountId patient, String scope, String audience,
            Instant issuedAt, Instant expiresAt) {
    }

    String sign(Claims claims);

    Optional<Claims> verify(String token);
}
