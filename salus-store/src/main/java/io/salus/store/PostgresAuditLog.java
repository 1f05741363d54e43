package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.consent.AuditEntry;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.AuditLog;
import io.salus.store.internal.AuditRows;
import io.salus.store.internal.OutboxRows;
import io.salus.store.internal.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The audit trail in PostgreSQL (table {@code audit_entry}). {@link #record} writes the entries and their
 * {@value OutboxKinds#ACCESS_LOG} outbox messages in one transaction: an entry id already stored, or an access-log message
 * already enqueued, fails the whole call and stores nothing. The AuditEvent JSON is kept as the exact bytes its hash
 * is over. Outbox messages are stamped with the injected clock and become due for the outbox worker after a grace
 * period (during which the release itself delivers them and completes them by key). Thread-safe.
 */
public final class PostgresAuditLog implements AuditLog {
    private final Transactions tx;
    private final Clock clock;
    private final Duration workerGrace;

    /** An audit log whose access-log messages are due for the worker at once. */
    public PostgresAuditLog(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, Duration.ZERO);
    }

    /** An audit log whose access-log messages become due for the worker {@code workerGrace} after they are written. */
    public PostgresAuditLog(Jdbi jdbi, Clock clock, Duration workerGrace) {
        if (workerGrace.isNegative()) {
            throw new IllegalArgumentException("negative grace period: " + workerGrace);
        }
        this.tx = new Transactions(jdbi);
        this.clock = clock;
        this.workerGrace = workerGrace;
    }

    /**
     * @throws IllegalArgumentException when a message is not of kind {@value OutboxKinds#ACCESS_LOG} or its key is not
     *         the id of one of the entries (nothing is written)
     */
    @Override
    public void record(List<AuditEntry> entries, List<OutboxMessage> accessLogMessages) {
        Set<String> ids = new HashSet<>();
        entries.forEach(e -> ids.add(e.id().toString()));
        for (OutboxMessage m : accessLogMessages) {
            if (!OutboxKinds.ACCESS_LOG.equals(m.kind()) || !ids.contains(m.idempotencyKey())) {
                throw new IllegalArgumentException("not an access-log message for one of the entries: " + m.kind()
                        + " " + m.idempotencyKey());
            }
        }
        tx.inTransaction("record " + entries.size() + " audit entries", h -> {
            AuditRows.insert(h, entries);
            Instant now = clock.instant();
            for (OutboxMessage m : accessLogMessages) {
                OutboxRows.insertNew(h, m, now, now.plus(workerGrace));
            }
            return null;
        });
    }

    /**
     * Records the mined AccessLog transaction of an entry; an entry already logged keeps its first transaction.
     *
     * @throws SalusException when there is no such entry
     */
    @Override
    public void markLogged(UUID entryId, String txHash, long block) {
        int n = tx.inTransaction("mark audit entry logged", h -> h.createUpdate("""
                UPDATE audit_entry SET tx_hash = COALESCE(tx_hash, :tx),
                       block_number = CASE WHEN tx_hash IS NULL THEN :block ELSE block_number END
                 WHERE id = :id""")
                .bind("id", entryId)
                .bind("tx", txHash)
                .bind("block", block)
                .execute());
        if (n == 0) {
            throw new SalusException("cannot mark unknown audit entry " + entryId + " logged");
        }
    }

    @Override
    public Optional<AuditEntry> find(UUID entryId) {
        return tx.inTransaction("find audit entry", h -> h.createQuery(AuditRows.SELECT + " WHERE id = :id")
                .bind("id", entryId)
                .map((rs, ctx) -> AuditRows.entry(rs))
                .findOne());
    }

    /** The entries whose AuditEvent has this hash (normally one), oldest first: for verifying AccessLog events. */
    public List<AuditEntry> withHash(Hash32 auditHash) {
        return tx.inTransaction("find audit entries by hash",
                h -> h.createQuery(AuditRows.SELECT + " WHERE audit_hash = :h ORDER BY seq")
                        .bind("h", auditHash.bytes())
                        .map((rs, ctx) -> AuditRows.entry(rs))
                        .list());
    }

    @Override
    public List<AuditEntry> forPatient(AccountId patient, int limit) {
        return newestFirst("list a patient's audit entries", "patient", patient, limit);
    }

    @Override
    public List<AuditEntry> forRequester(AccountId requester, int limit) {
        return newestFirst("list a requester's audit entries", "requester", requester, limit);
    }

    private List<AuditEntry> newestFirst(String what, String column, AccountId id, int limit) {
        return tx.inTransaction(what, h -> h.createQuery(AuditRows.SELECT + " WHERE " + column
                + " = :id ORDER BY at DESC, seq DESC LIMIT :limit")
                .bind("id", id.value())
                .bind("limit", limit)
                .map((rs, ctx) -> AuditRows.entry(rs))
                .list());
    }
}
