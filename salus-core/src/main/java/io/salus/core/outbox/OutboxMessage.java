package io.salus.core.outbox;

import java.util.Map;
import java.util.Objects;

/**
 * A chain write to perform after the database transaction that records it commits. {@code idempotencyKey} is unique
 * per kind: enqueuing the same key twice keeps one message.
 */
public record OutboxMessage(String kind, String idempotencyKey, Map<String, String> payload) {
    public OutboxMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        payload = Map.copyOf(payload);
    }
}
