package io.salus.core.port;

import io.salus.core.account.Account;
import io.salus.core.monitoring.Alert;
import io.salus.core.monitoring.Escalation;
import io.salus.core.usecase.monitoring.AlertAudit;
import java.time.Instant;

/**
 * Alerts as FHIR R4 JSON (the adapter is in salus-fhir): a {@code Flag} on the patient, one {@code Communication} per
 * notification sent, and the {@code AuditEvent} of each raise, notification and acknowledgement (which names the
 * alert but carries no health value). Thread-safe.
 */
public interface AlertFhir {
    byte[] flag(Alert alert, Account patient, Instant now);

    byte[] communication(Alert alert, Account patient, Escalation.Notice notice, Instant now);

    byte[] auditEvent(AlertAudit.Action action, Alert alert, Account patient, String actor, Instant at);
}
