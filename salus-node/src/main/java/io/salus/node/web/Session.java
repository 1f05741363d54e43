package io.salus.node.web;

import io.salus.core.account.AccountId;
import java.time.Instant;

/**
 * A signed-in portal session as the node keeps it: the SHA-256 of the session id (the id itself only lives in the
 * browser's cookie), the account, the synchronizer CSRF token and when the session was last used.
 */
public record Session(String idHash, AccountId accountId, String csrfToken, Instant signedInAt, Instant lastSeen) {
    Session touched(Instant now) {
        return new Session(idHash, accountId, csrfToken, signedInAt, now);
    }
}
