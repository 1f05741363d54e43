package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the portal's sessions are kept: in this process's memory (one instance), or in the database every instance of
 * the node shares (decision 0031). Keyed by the SHA-256 of the session id; the id itself is never stored.
 * Thread-safe.
 */
public interface SessionStore {
    /** A session as stored: the hash of its id, the account, the hash of its API token, its CSRF token and times. */
    record Stored(String idHash, AccountId account, Hash32 tokenHash, String csrfToken, Instant signedInAt,
            Instant lastSeen) {
    }

    void put(Stored session);

    Optional<Stored> find(String idHash);

    /** Marks the session as used at {@code at} (never moving it back). */
    void touch(String idHash, Instant at);

    void remove(String idHash);

    /** Removes every session last used before {@code cutoff}. */
    void removeIdleSince(Instant cutoff);

    /** How many sessions are kept. */
    int size();

    static SessionStore inMemory() {
        return new InMemorySessionStore();
    }
}
