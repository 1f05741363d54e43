package io.salus.core.port;

import io.salus.core.outbox.OutboxEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The transactional outbox. Messages are written by the store in the same transaction as the state they belong to;
 * workers claim due messages, perform them (idempotently) and complete them. Thread-safe.
 */
public interface Outbox {
    /** Pending messages of a kind whose next attempt is due, oldest first. */
    List<OutboxEntry> due(String kind, int limit, Instant now);

    void complete(long id, Map<String, String> result, Instant now);

    /** Completes many messages (id → result) in one transaction; those no longer pending are left as they are. */
    void completeAll(Map<Long, Map<String, String>> results, Instant now);

    /** Completes the pending message of that kind and key, if any; true when one was pending. */
    boolean completeByKey(String kind, String idempotencyKey, Map<String, String> result, Instant now);

    void retryLater(long id, String error, Instant nextAttempt);

    /** Number of pending messages of a kind (for health and progress). */
    long pending(String kind);
}
