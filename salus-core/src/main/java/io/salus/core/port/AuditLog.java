package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.consent.AuditEntry;
import io.salus.core.outbox.OutboxMessage;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The audit trail in PostgreSQL: every decision (permit or deny) as a FHIR AuditEvent. A release writes its entry and
 * an {@code access-log} outbox message in one transaction before anything is returned. Thread-safe.
 */
public interface AuditLog {

    /** Stores the entries (and, for releases, their outbox messages) in one transaction. */
    void record(List<AuditEntry> entries, List<OutboxMessage> accessLogMessages);

    /** Records the mined AccessLog transaction of an entry. */
    void markLogged(UUID entryId, String txHash, long block);

    Optional<AuditEntry> find(UUID entryId);

    /** Entries about a patient's data, newest first. */
    List<AuditEntry> forPatient(AccountId patient, int limit);

    /** Entries of a requester, newest first. */
    List<AuditEntry> forRequester(AccountId requester, int limit);
}
