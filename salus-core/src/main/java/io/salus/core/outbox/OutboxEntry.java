package io.salus.core.outbox;

import java.time.Instant;

/** A claimed outbox message with its delivery history. */
public record OutboxEntry(long id, OutboxMessage message, int attempts, Instant createdAt) {
}
