package io.salus.core.smart;

import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the authorization server keeps clients, grants, authorization codes, refresh tokens and revoked access tokens
 * (PostgreSQL). Codes and tokens are kept only as SHA-256 hashes. Thread-safe; the "use" operations are atomic, so a
 * code or refresh token is consumed by exactly one caller.
 */
public interface SmartStore {

    void saveClient(SmartClient client);

    Optional<SmartClient> client(String clientId);

    /** What an authorization code is bound to besides its grant. */
    record CodeBinding(String redirectUri, String codeChallenge, Instant expiresAt) {
    }

    /** Stores a new grant with its authorization code, in one transaction. */
    void saveGrant(SmartGrant grant, Hash32 codeHash, CodeBinding binding);

    /** A code as it was found when it was used: {@code firstUse} is false for a replay. */
    record UsedCode(SmartGrant grant, CodeBinding binding, boolean firstUse) {
    }

    /** Marks the code used (atomically) and returns what it was bound to; empty if the code is unknown. */
    Optional<UsedCode> useCode(Hash32 codeHash, Instant now);

    void saveRefreshToken(Hash32 tokenHash, UUID grantId, Instant expiresAt);

    /** A refresh token as found when it was presented: {@code firstUse} is false if it was already rotated. */
    record UsedRefresh(SmartGrant grant, Instant expiresAt, boolean firstUse) {
    }

    /** Marks the refresh token rotated (atomically); empty if it is unknown. */
    Optional<UsedRefresh> useRefreshToken(Hash32 tokenHash, Instant now);

    /** The refresh token's grant and expiry without using it (revocation, introspection). */
    Optional<UsedRefresh> findRefreshToken(Hash32 tokenHash);

    Optional<SmartGrant> grant(UUID grantId);

    /** Revokes the grant and so every code and token of it. Idempotent. */
    void revokeGrant(UUID grantId, Instant now);

    /** Remembers a revoked access token until it would have expired anyway. */
    void revokeAccessToken(String tokenId, Instant expiresAt);

    boolean accessTokenRevoked(String tokenId);
}
