package io.salus.core.port;

import io.salus.core.account.Account;
import io.salus.core.consent.Decision;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.UUID;

/** Renders a decision as a FHIR R4 AuditEvent (JSON bytes); the hash of these exact bytes goes on chain. */
@FunctionalInterface
public interface AuditEventFormatter {
    byte[] format(UUID entryId, Account requester, Account patient, Category category, Purpose purpose, Instant at,
            Decision decision);
}
