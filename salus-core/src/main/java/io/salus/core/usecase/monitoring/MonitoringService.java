package io.salus.core.usecase.monitoring;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.device.Measure;
import io.salus.core.device.Measurement;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.UnavailableException;
import io.salus.core.merkle.Hashing;
import io.salus.core.monitoring.Alert;
import io.salus.core.monitoring.AlertId;
import io.salus.core.monitoring.ClinicalContext;
import io.salus.core.monitoring.Escalation;
import io.salus.core.monitoring.Severity;
import io.salus.core.monitoring.Escalator;
import io.salus.core.monitoring.MonitorState;
import io.salus.core.monitoring.MonitoringEngine;
import io.salus.core.monitoring.MonitoringPlan;
import io.salus.core.monitoring.Rule;
import io.salus.core.monitoring.RuleId;
import io.salus.core.monitoring.StandardRules;
import io.salus.core.port.AccountStore;
import io.salus.core.port.AlertFhir;
import io.salus.core.port.AlertDelivery;
import io.salus.core.port.KeyManager;
import io.salus.core.port.MonitoringStore;
import io.salus.core.port.MonitoringStore.StoredAlert;
import io.salus.core.record.SealedRecord;
import io.salus.core.usecase.device.MeasurementSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each patient's monitoring plan (the standard rules plus their silence periods) on accepted readings and on the
 * clock, and raises alerts: each alert is sealed (its content encrypted to the patient and the node), stored with its
 * escalation and an AuditEvent per raise and notification, and sent at once (a warning to everyone, an urgent alert to
 * the patient first); {@link #tick} escalates unacknowledged urgent alerts to the next contact each step and checks
 * silence. A patient's state lives in memory; after a restart the rules that were active stay active (from the alerts
 * not yet cleared), while trend windows and NEWS2 inputs refill from new readings. Thread-safe (per-patient locks).
 */
public final class MonitoringService implements MeasurementSink {
    private final AccountStore accounts;
    private final MonitoringStore store;
    private final KeyManager keys;
    private final AlertFhir fhir;
    private final AlertLadder ladder;
    private final Escalator escalator;
    private final Clock clock;
    private final AlertDelivery delivery;
    private final Map<AccountId, Monitor> monitors = new ConcurrentHashMap<>();

    private static final class Monitor {
        MonitorState state;
        final Map<RuleId, AlertId> active = new HashMap<>();

        Monitor(MonitorState state) {
            this.state = state;
        }
    }

    public MonitoringService(AccountStore accounts, MonitoringStore store, KeyManager keys, AlertFhir fhir,
            PatientDelegations delegations, Escalator escalator, Clock clock) {
        this(accounts, store, keys, fhir, delegations, escalator, clock, AlertDelivery.NONE);
    }

    /** With {@code delivery} told of every notification sent, after it is stored. */
    public MonitoringService(AccountStore accounts, MonitoringStore store, KeyManager keys, AlertFhir fhir,
            PatientDelegations delegations, Escalator escalator, Clock clock, AlertDelivery delivery) {
        this.delivery = delivery;
        this.accounts = accounts;
        this.store = store;
        this.keys = keys;
        this.fhir = fhir;
        this.ladder = new AlertLadder(accounts, store, delegations);
        this.escalator = escalator;
        this.clock = clock;
    }

    @Override
    public void observe(AccountId patient, List<Measurement> measurements, String source) {
        observeAll(patient, measurements);
    }

    /** Evaluates the readings; the alerts raised (already stored and sent). */
    public List<Alert> observeAll(AccountId patientId, List<Measurement> measurements) {
        Account patient = patient(patientId);
        Monitor m = monitor(patient);
        synchronized (m) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            MonitoringEngine.Evaluation e = MonitoringEngine.observeAll(plan(patientId), m.state, measurements, now);
            return apply(patient, m, e, now);
        }
    }

    /** Records the NEWS2 inputs no device reports (oxygen, consciousness) for the patient. */
    public void context(AccountId patientId, ClinicalContext context) {
        Monitor m = monitor(patient(patientId));
        synchronized (m) {
            m.state = m.state.withContext(context);
        }
    }

    /** One pass on the clock: silence rules, then due escalations. The number of notifications sent. */
    public int tick() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int sent = 0;
        for (AccountId id : store.withSilenceRules()) {
            Account patient = patient(id);
            Monitor m = monitor(patient);
            synchronized (m) {
                sent += apply(patient, m, MonitoringEngine.tick(plan(id), m.state, now), now).size();
            }
        }
        for (StoredAlert a : store.due(now, 256)) {
            sent += escalate(a);
        }
        return sent;
    }

    private int escalate(StoredAlert a) {
        Account patient = patient(a.patient());
        Escalation.Step step = escalator.tick(a.escalation(), ladder.at(patient, clock.instant()));
        Alert alert = open(a, patient);
        List<AlertAudit> audits = new ArrayList<>();
        for (Escalation.Notice n : step.send()) {
            audits.add(audit(AlertAudit.Action.NOTIFIED, alert, patient, n.to().address().hex(), n.at()));
        }
        store.update(a.id(), step.state(), audits);
        deliver(a.id(), a.patient(), a.severity(), a.raisedAt(), step.send());
        return step.send().size();
    }

    private List<Alert> apply(Account patient, Monitor m, MonitoringEngine.Evaluation e, Instant now) {
        m.state = e.state();
        for (RuleId cleared : e.cleared()) {
            AlertId id = m.active.remove(cleared);
            if (id != null) {
                store.cleared(id, now);
            }
        }
        List<Alert> raised = new ArrayList<>();
        for (Alert a : e.raised()) {
            raise(patient, a, now);
            m.active.put(a.rule(), a.id());
            raised.add(a);
        }
        return raised;
    }

    private void raise(Account patient, Alert alert, Instant now) {
        Escalation.Step step = escalator.start(alert, ladder.at(patient, now));
        SealedRecord sealed = keys.seal(AlertPayload.encode(alert), AlertPayload.associatedData(alert.id(),
                patient.id()), patient.encryptionPublicKey());
        List<AlertAudit> audits = new ArrayList<>();
        audits.add(audit(AlertAudit.Action.RAISED, alert, patient, "node", now));
        for (Escalation.Notice n : step.send()) {
            audits.add(audit(AlertAudit.Action.NOTIFIED, alert, patient, n.to().address().hex(), n.at()));
        }
        if (store.raise(new StoredAlert(alert.id(), patient.id(), alert.severity(), alert.dataAt(), alert
                .raisedAt(), sealed, step.state(), Optional.empty()), audits)) {
            deliver(alert.id(), patient.id(), alert.severity(), alert.raisedAt(), step.send());
        }
    }

    private void deliver(AlertId id, AccountId patient, Severity severity, Instant raisedAt,
            List<Escalation.Notice> sent) {
        for (Escalation.Notice n : sent) {
            delivery.deliver(new AlertDelivery.Notification(id, patient, severity, raisedAt, n.to().address(), n.to()
                    .role(), n.level(), n.at()));
        }
    }

    AlertAudit audit(AlertAudit.Action action, Alert alert, Account patient, String actor, Instant at) {
        byte[] json = fhir.auditEvent(action, alert, patient, actor, at);
        return new AlertAudit(UUID.randomUUID(), alert.id(), action, actor, at, json, Hashing.sha256(json));
    }

    /** Decrypts a stored alert with the node-wrapped key. */
    Alert open(StoredAlert a, Account patient) {
        byte[] content = keys.open(a.sealed(), AlertPayload.associatedData(a.id(), patient.id())).orElseThrow();
        return AlertPayload.decode(content, a.id(), a.patient(), a.severity(), a.dataAt(), a.raisedAt());
    }

    private MonitoringPlan plan(AccountId patient) {
        List<Rule> rules = new ArrayList<>(StandardRules.all());
        for (Map.Entry<Measure, Duration> s : ladder.config(patient).silence().entrySet()) {
            rules.add(StandardRules.silence(s.getKey(), s.getValue()));
        }
        return MonitoringPlan.of(patient, rules).orElseThrow();
    }

    private Monitor monitor(Account patient) {
        return monitors.computeIfAbsent(patient.id(), id -> {
            Monitor m = new Monitor(MonitorState.start(clock.instant()));
            for (StoredAlert a : store.uncleared(id)) {
                m.active.put(open(a, patient).rule(), a.id());
            }
            m.state = new MonitorState(m.state.since(), m.active.keySet(), Map.of(), ClinicalContext.UNKNOWN);
            return m;
        });
    }

    private Account patient(AccountId id) {
        return accounts.find(id).orElseThrow(() -> new UnavailableException(ErrorCode.STORE_UNAVAILABLE,
                "patient " + id + " cannot be read", null));
    }

    AlertLadder ladder() {
        return ladder;
    }

    Escalator escalator() {
        return escalator;
    }

    AlertFhir fhir() {
        return fhir;
    }
}
