package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.monitoring.AlertId;
import io.salus.core.monitoring.Escalation;
import io.salus.core.monitoring.Severity;
import io.salus.core.record.SealedRecord;
import io.salus.core.usecase.monitoring.AlertAudit;
import io.salus.core.usecase.monitoring.PlanConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Monitoring in PostgreSQL: each patient's plan settings (chosen providers, silence periods), and alerts: the sealed
 * alert (its content encrypted like a record), its escalation (status, notices sent, next due time, acknowledgement),
 * when its rule cleared, and one FHIR AuditEvent per raise, notification and acknowledgement. Thread-safe.
 */
public interface MonitoringStore {

    /** An alert as stored: its plain metadata, the sealed content, the escalation and when its rule cleared. */
    record StoredAlert(AlertId id, AccountId patient, Severity severity, Instant dataAt, Instant raisedAt,
            SealedRecord sealed, Escalation escalation, Optional<Instant> clearedAt) {
    }

    Optional<PlanConfig> plan(AccountId patient);

    void savePlan(AccountId patient, PlanConfig plan);

    /** Patients whose plan has silence rules (checked on the clock). */
    List<AccountId> withSilenceRules();

    /** Stores a new alert with its escalation and audit events, one transaction; false if it exists already. */
    boolean raise(StoredAlert alert, List<AlertAudit> audits);

    /** Stores an escalation's new state (notices added, status, acknowledgement) with its audit events. */
    void update(AlertId id, Escalation escalation, List<AlertAudit> audits);

    void cleared(AlertId id, Instant at);

    Optional<StoredAlert> find(AlertId id);

    /** The patient's alerts, newest first. */
    List<StoredAlert> ofPatient(AccountId patient, int limit);

    /** Alerts {@code recipient} was notified of, newest first. */
    List<StoredAlert> notifiedTo(EvmAddress recipient, int limit);

    /** The patient's alerts whose rule has not cleared. */
    List<StoredAlert> uncleared(AccountId patient);

    /** Open escalations due at {@code now}. */
    List<StoredAlert> due(Instant now, int limit);

    /** The audit events of an alert, oldest first. */
    List<AlertAudit> audits(AlertId id);
}
