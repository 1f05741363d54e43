package io.salus.core.smart;

import io.salus.core.account.AccountId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What a patient approved for one client: the scopes, with the patient as launch context. Its code, refresh tokens and
 * access tokens all belong to it; revoking it (by the patient, by token revocation, or on a replayed code or refresh
 * token) ends every one of them.
 */
public record SmartGrant(UUID id, String clientId, AccountId patient, Scopes scopes, Instant approvedAt,
        Optional<Instant> revokedAt) {
    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
