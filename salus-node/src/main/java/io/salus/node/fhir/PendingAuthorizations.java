package io.salus.node.fhir;

import io.salus.core.smart.AuthorizationRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checked authorization requests waiting for the patient's decision on the consent page, under a random id, for a
 * few minutes; a decision takes the request out (so a request is decided once). In memory: a restart drops them and
 * the app simply starts again. Thread-safe.
 */
final class PendingAuthorizations {
    private record Pending(AuthorizationRequest request, Instant at) {
    }

    private static final int CAPACITY = 10_000;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random;

    PendingAuthorizations(Clock clock, SecureRandom random, Duration ttl) {
        this.clock = clock;
        this.random = random;
        this.ttl = ttl;
    }

    synchronized String put(AuthorizationRequest request) {
        purge();
        byte[] b = new byte[24];
        random.nextBytes(b);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        pending.put(id, new Pending(request, clock.instant()));
        while (pending.size() > CAPACITY) {
            var it = pending.keySet().iterator();
            it.next();
            it.remove();
        }
        return id;
    }

    synchronized Optional<AuthorizationRequest> peek(String id) {
        purge();
        return Optional.ofNullable(id == null ? null : pending.get(id)).map(Pending::request);
    }

    synchronized Optional<AuthorizationRequest> take(String id) {
        purge();
        return Optional.ofNullable(id == null ? null : pending.remove(id)).map(Pending::request);
    }

    private void purge() {
        Instant oldest = clock.instant().minus(ttl);
        pending.values().removeIf(p -> p.at().isBefore(oldest));
    }
}
