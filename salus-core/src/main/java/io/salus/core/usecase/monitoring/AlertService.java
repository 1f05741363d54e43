package io.salus.core.usecase.monitoring;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.device.Measure;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.monitoring.Alert;
import io.salus.core.monitoring.AlertId;
import io.salus.core.monitoring.ClinicalContext;
import io.salus.core.monitoring.Escalation;
import io.salus.core.port.AccountStore;
import io.salus.core.port.MonitoringStore;
import io.salus.core.port.MonitoringStore.StoredAlert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reading and acknowledging alerts, and the patient's monitoring choices. The patient sees all their alerts; anyone
 * else sees an alert only if it was sent to them and they still receive the patient's alerts (a delegate whose
 * delegation includes RECEIVE_ALERTS now, a provider the patient still chooses): a revoked delegation stops alerts,
 * and an unrelated account learns nothing (not even that an alert exists). Acknowledging is audited. Thread-safe.
 */
public final class AlertService {
    private final AccountStore accounts;
    private final MonitoringStore store;
    private final MonitoringService monitoring;
    private final Clock clock;

    public AlertService(AccountStore accounts, MonitoringStore store, MonitoringService monitoring, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.monitoring = monitoring;
        this.clock = clock;
    }

    /** An alert as a reader sees it: decrypted, with its escalation, when its rule cleared, and its data's age. */
    public record View(Alert alert, Escalation escalation, Optional<Instant> clearedAt, Duration freshness) {
    }

    public Result<List<View>> ofPatient(Account actor, AccountId patientId, int limit) {
        Optional<Account> patient = accounts.find(patientId).filter(p -> p.kind() == AccountKind.PATIENT);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no patient " + patientId);
        }
        boolean own = actor.id().equals(patientId);
        if (!own && !monitoring.ladder().entitled(patient.get(), actor.address(), clock.instant())) {
            return Result.fail(ErrorCode.DELEGATION_SCOPE, "only the patient, a delegate receiving their alerts or "
                    + "a provider they chose sees their alerts");
        }
        List<View> out = new ArrayList<>();
        for (StoredAlert a : store.ofPatient(patientId, limit)) {
            if (own || notified(a, actor)) {
                out.add(view(a, patient.get()));
            }
        }
        return Result.ok(out);
    }

    /** The alerts sent to the actor that they may still read, newest first. */
    public List<View> inbox(Account actor, int limit) {
        List<View> out = new ArrayList<>();
        for (StoredAlert a : store.notifiedTo(actor.address(), limit)) {
            readable(actor, a).ifPresent(out::add);
        }
        return out;
    }

    public Result<View> find(Account actor, String alertId) {
        return stored(alertId).flatMap(a -> readable(actor, a).<Result<View>>map(Result::ok)
                .orElseGet(() -> notFound(alertId)));
    }

    public Result<View> acknowledge(Account actor, String alertId) {
        return find(actor, alertId).flatMap(v -> {
            Result<Escalation> acked = monitoring.escalator().acknowledge(v.escalation(), actor.address());
            if (!acked.isOk()) {
                return acked.propagate();
            }
            Escalation e = acked.orElseThrow();
            if (v.escalation().status() != Escalation.Status.ACKNOWLEDGED) {
                Account patient = accounts.find(v.alert().patient()).orElseThrow();
                store.update(v.alert().id(), e, List.of(monitoring.audit(AlertAudit.Action.ACKNOWLEDGED, v.alert(),
                        patient, actor.address().hex(), clock.instant())));
            }
            return Result.ok(new View(v.alert(), e, v.clearedAt(), v.freshness()));
        });
    }

    /** The FHIR Flag of an alert and one Communication per notification sent, for whoever may read it. */
    public Result<List<byte[]>> fhir(Account actor, String alertId) {
        return find(actor, alertId).map(v -> {
            Account patient = accounts.find(v.alert().patient()).orElseThrow();
            List<byte[]> out = new ArrayList<>();
            out.add(monitoring.fhir().flag(v.alert(), patient, clock.instant()));
            for (Escalation.Notice n : v.escalation().notices()) {
                out.add(monitoring.fhir().communication(v.alert(), patient, n, clock.instant()));
            }
            return out;
        });
    }

    public Result<List<AlertAudit>> audits(Account actor, String alertId) {
        return find(actor, alertId).map(v -> store.audits(v.alert().id()));
    }

    /** The patient's choices (only the patient reads and sets them). */
    public Result<PlanConfig> plan(Account actor, AccountId patientId) {
        if (!actor.id().equals(patientId)) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the patient sees their monitoring choices");
        }
        return Result.ok(monitoring.ladder().config(patientId));
    }

    /** Sets the providers who receive the patient's alerts (in order) and the silence periods. */
    public Result<PlanConfig> choose(Account actor, AccountId patientId, List<AccountId> providers,
            Map<Measure, Duration> silence) {
        if (!actor.id().equals(patientId)) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the patient chooses who receives their alerts");
        }
        List<Failure.Issue> issues = new ArrayList<>();
        for (int i = 0; i < providers.size(); i++) {
            Optional<Account> p = accounts.find(providers.get(i));
            if (p.isEmpty() || !p.get().kind().isProvider()) {
                issues.add(new Failure.Issue("not a provider account: " + providers.get(i), "providers[" + i + "]"));
            }
        }
        silence.forEach((m, d) -> {
            if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(Duration.ofDays(31)) > 0) {
                issues.add(new Failure.Issue("a silence period is 1 minute to 31 days", "silence." + m));
            }
        });
        if (!issues.isEmpty()) {
            return Result.fail(new Failure(ErrorCode.MONITORING_INVALID_RULE, issues.size()
                    + " problem(s) in the monitoring choices", issues));
        }
        PlanConfig plan = new PlanConfig(providers, silence);
        store.savePlan(patientId, plan);
        return Result.ok(plan);
    }

    /** Records the patient's NEWS2 context: the patient, or a delegate receiving their alerts, or a chosen provider. */
    public Result<ClinicalContext> context(Account actor, AccountId patientId, boolean onOxygen,
            io.salus.core.monitoring.Consciousness consciousness) {
        Optional<Account> patient = accounts.find(patientId).filter(p -> p.kind() == AccountKind.PATIENT);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no patient " + patientId);
        }
        if (!monitoring.ladder().entitled(patient.get(), actor.address(), clock.instant())) {
            return Result.fail(ErrorCode.DELEGATION_SCOPE, "only the patient or their alert contacts record this");
        }
        ClinicalContext c = ClinicalContext.recorded(onOxygen, consciousness, clock.instant());
        monitoring.context(patientId, c);
        return Result.ok(c);
    }

    private Optional<View> readable(Account actor, StoredAlert a) {
        Optional<Account> patient = accounts.find(a.patient());
        if (patient.isEmpty()) {
            return Optional.empty();
        }
        boolean own = actor.id().equals(a.patient());
        if (own || notified(a, actor) && monitoring.ladder().entitled(patient.get(), actor.address(),
                clock.instant())) {
            return Optional.of(view(a, patient.get()));
        }
        return Optional.empty();
    }

    private static boolean notified(StoredAlert a, Account actor) {
        return a.escalation().notices().stream().anyMatch(n -> n.to().address().equals(actor.address()));
    }

    private View view(StoredAlert a, Account patient) {
        Alert alert = monitoring.open(a, patient);
        return new View(alert, a.escalation(), a.clearedAt(), alert.freshness(clock.instant()));
    }

    private Result<StoredAlert> stored(String alertId) {
        try {
            return store.find(new AlertId(UUID.fromString(alertId))).<Result<StoredAlert>>map(Result::ok)
                    .orElseGet(() -> notFound(alertId));
        } catch (IllegalArgumentException e) {
            return notFound(alertId);
        }
    }

    private static <T> Result<T> notFound(String alertId) {
        return Result.fail(ErrorCode.ALERT_NOT_FOUND, "no alert " + alertId + " for this account");
    }
}
