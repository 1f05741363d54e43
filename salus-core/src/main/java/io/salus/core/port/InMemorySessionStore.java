package io.salus.core.port;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SessionStore} in this process's memory: a restart signs everyone out. Thread-safe. */
final class InMemorySessionStore implements SessionStore {
    private final Map<String, Stored> byHash = new ConcurrentHashMap<>();

    @Override
    public void put(Stored session) {
        byHash.put(session.idHash(), session);
    }

    @Override
    public Optional<Stored> find(String idHash) {
        return Optional.ofNullable(byHash.get(idHash));
    }

    @Override
    public void touch(String idHash, Instant at) {
        byHash.computeIfPresent(idHash, (k, s) -> at.isAfter(s.lastSeen())
                ? new Stored(s.idHash(), s.account(), s.tokenHash(), s.csrfToken(), s.signedInAt(), at)
                : s);
    }

    @Override
    public void remove(String idHash) {
        byHash.remove(idHash);
    }

    @Override
    public void removeIdleSince(Instant cutoff) {
        byHash.values().removeIf(s -> s.lastSeen().isBefore(cutoff));
    }

    @Override
    public int size() {
        return byHash.size();
    }
}
