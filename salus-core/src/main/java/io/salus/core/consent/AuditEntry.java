package io.salus.core.consent;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One decision of the decision point as audited: who asked for which category of whose data, for what purpose, when,
 * the decision and its code, the grant it rested on, the FHIR AuditEvent JSON kept in PostgreSQL and its hash, and
 * (for a release) the AccessLog transaction that carries the hash on chain.
 */
public record AuditEntry(UUID id, AccountId requester, AccountId patient, Category category, Purpose purpose,
        Instant at, Decision decision, byte[] auditEventJson, Hash32 auditHash, Optional<String> txHash,
        Optional<Long> block) {
}
