package io.salus.core.usecase.monitoring;

import io.salus.core.merkle.Hash32;
import io.salus.core.monitoring.AlertId;
import java.time.Instant;
import java.util.UUID;

/**
 * One audited event of an alert: it was raised (the actor is the node), a contact was notified, or a contact
 * acknowledged it (the actor: an address, or {@code node}); with its FHIR AuditEvent JSON (no health values: it
 * references the alert) and that JSON's hash.
 */
public record AlertAudit(UUID id, AlertId alert, Action action, String actor, Instant at, byte[] auditEventJson,
        Hash32 hash) {

    public enum Action {
        RAISED,
        NOTIFIED,
        ACKNOWLEDGED
    }
}
