package io.salus.core.smart;

import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A registered OAuth client (a SMART app). A public client (a browser or mobile app) has no secret and relies on PKCE
 * alone; a confidential one authenticates with its secret, of which only the SHA-256 is kept. Redirect URIs are
 * compared exactly. {@code allowed} bounds what the client may ever be granted.
 */
public record SmartClient(String clientId, String name, Optional<Hash32> secretHash, List<String> redirectUris,
        Scopes allowed, Instant registeredAt) {
    public SmartClient {
        redirectUris = List.copyOf(redirectUris);
    }

    public boolean confidential() {
        return secretHash.isPresent();
    }
}
