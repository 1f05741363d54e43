package io.salus.node.web;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import java.time.Instant;

/**
 * A signed-in portal session as the node keeps it: the SHA-256 of the session id (the id itself only lives in the
 * browser's cookie), the account, the hash of the API token it signed in with (a session ends when that token stops
 * authenticating the account: rotated by a key recovery, say), the synchronizer CSRF token and when the session was
 * last used.
 */
public record Session(String idHash, AccountId accountId, Hash32 tokenHash, String csrfToken, Instant signedInAt,
        Instant lastSeen) {
}
