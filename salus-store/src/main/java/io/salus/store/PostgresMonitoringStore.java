package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.device.Measure;
import io.salus.core.monitoring.AlertId;
import io.salus.core.monitoring.Escalation;
import io.salus.core.monitoring.Recipient;
import io.salus.core.monitoring.Severity;
import io.salus.core.port.MonitoringStore;
import io.salus.core.record.SealedRecord;
import io.salus.core.usecase.monitoring.AlertAudit;
import io.salus.core.usecase.monitoring.PlanConfig;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Monitoring plans, alerts (sealed content, escalation with one row per notice), and the audit of each alert in
 * PostgreSQL (migration V41). An alert is written with its notices and audit events in one transaction. Thread-safe.
 */
public final class PostgresMonitoringStore implements MonitoringStore {
    private static final String ALERT = """
            SELECT id, patient, severity, data_at, raised_at, ciphertext, wrapped_key_node, wrapped_key_patient,
                step_millis, status, next_due, acknowledged_by, acknowledged_at, cleared_at FROM monitoring_alert a
            """;
    private final Transactions tx;

    public PostgresMonitoringStore(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public Optional<PlanConfig> plan(AccountId patient) {
        return tx.inTransaction("read monitoring plan", h -> h.createQuery("""
                SELECT providers, silence_measures, silence_seconds FROM monitoring_plan WHERE patient = :p""")
                .bind("p", patient.value()).map((rs, ctx) -> plan(rs)).findOne());
    }

    @Override
    public void savePlan(AccountId patient, PlanConfig plan) {
        List<String> measures = new ArrayList<>();
        List<Long> seconds = new ArrayList<>();
        plan.silence().forEach((m, d) -> {
            measures.add(m.name());
            seconds.add(d.toSeconds());
        });
        tx.inTransaction("save monitoring plan", h -> h.createUpdate("""
                INSERT INTO monitoring_plan (patient, providers, silence_measures, silence_seconds)
                VALUES (:p, :providers, :measures, :seconds) ON CONFLICT (patient) DO UPDATE
                SET providers = excluded.providers, silence_measures = excluded.silence_measures,
                    silence_seconds = excluded.silence_seconds""")
                .bind("p", patient.value())
                .bind("providers", Sql.uuidArray(plan.providers().stream().map(AccountId::value).toList()))
                .bind("measures", Sql.textArray(measures))
                .bind("seconds", Sql.array("bigint", seconds.toArray()))
                .execute());
    }

    @Override
    public List<AccountId> withSilenceRules() {
        return tx.inTransaction("patients with silence rules", h -> h.createQuery("""
                SELECT patient FROM monitoring_plan WHERE cardinality(silence_measures) > 0""")
                .map((rs, ctx) -> new AccountId(Sql.uuid(rs, "patient"))).list());
    }

    @Override
    public boolean raise(StoredAlert a, List<AlertAudit> audits) {
        return tx.inTransaction("raise alert " + a.id(), h -> {
            int inserted = h.createUpdate("""
                    INSERT INTO monitoring_alert (id, patient, severity, data_at, raised_at, ciphertext,
                        wrapped_key_node, wrapped_key_patient, step_millis, status, next_due)
                    VALUES (:id, :patient, :severity, :dataAt, :raisedAt, :ct, :kn, :kp, :step, :status, :due)
                    ON CONFLICT (id) DO NOTHING""")
                    .bind("id", a.id().value()).bind("patient", a.patient().value())
                    .bind("severity", a.severity().name()).bind("dataAt", Sql.ts(a.dataAt()))
                    .bind("raisedAt", Sql.ts(a.raisedAt())).bind("ct", a.sealed().ciphertext())
                    .bind("kn", a.sealed().wrappedKeyForNode()).bind("kp", a.sealed().wrappedKeyForPatient())
                    .bind("step", a.escalation().step().toMillis()).bind("status", a.escalation().status().name())
                    .bind("due", Sql.ts(a.escalation().nextDue())).execute();
            if (inserted == 0) {
                return false;
            }
            notices(h, a.id(), a.escalation().notices());
            audits(h, audits);
            return true;
        });
    }

    @Override
    public void update(AlertId id, Escalation e, List<AlertAudit> audits) {
        tx.inTransaction("update alert " + id, h -> {
            h.createUpdate("""
                    UPDATE monitoring_alert SET status = :status, next_due = :due, acknowledged_by = :by,
                        acknowledged_at = :at WHERE id = :id""")
                    .bind("id", id.value()).bind("status", e.status().name()).bind("due", Sql.ts(e.nextDue()))
                    .bind("by", e.acknowledgement().map(k -> k.by().hex()).orElse(null))
                    .bind("at", Sql.ts(e.acknowledgement().map(Escalation.Acknowledgement::at).orElse(null)))
                    .execute();
            notices(h, id, e.notices());
            audits(h, audits);
            return null;
        });
    }

    @Override
    public void cleared(AlertId id, Instant at) {
        tx.inTransaction("clear alert " + id, h -> h.createUpdate("""
                UPDATE monitoring_alert SET cleared_at = :at WHERE id = :id AND cleared_at IS NULL""")
                .bind("id", id.value()).bind("at", Sql.ts(at)).execute());
    }

    @Override
    public Optional<StoredAlert> find(AlertId id) {
        return alerts(ALERT + " WHERE id = :v", id.value(), 1).stream().findFirst();
    }

    @Override
    public List<StoredAlert> ofPatient(AccountId patient, int limit) {
        return alerts(ALERT + " WHERE patient = :v ORDER BY raised_at DESC, id LIMIT :limit", patient.value(), limit);
    }

    @Override
    public List<StoredAlert> notifiedTo(EvmAddress recipient, int limit) {
        return alerts(ALERT + """
                 WHERE EXISTS (SELECT 1 FROM monitoring_notice n WHERE n.alert = a.id AND n.recipient = :v)
                ORDER BY raised_at DESC, id LIMIT :limit""", recipient.hex(), limit);
    }

    @Override
    public List<StoredAlert> uncleared(AccountId patient) {
        return alerts(ALERT + " WHERE patient = :v AND cleared_at IS NULL ORDER BY raised_at LIMIT :limit",
                patient.value(), 10_000);
    }

    @Override
    public List<StoredAlert> due(Instant now, int limit) {
        return tx.inTransaction("due alerts", h -> withNotices(h, h.createQuery(ALERT
                + " WHERE status = 'OPEN' AND next_due <= :now ORDER BY next_due LIMIT :limit")
                .bind("now", Sql.ts(now)).bind("limit", limit).map((rs, ctx) -> row(rs)).list()));
    }

    @Override
    public List<AlertAudit> audits(AlertId id) {
        return tx.inTransaction("alert audits", h -> h.createQuery("""
                SELECT id, alert, action, actor, at, audit_event, hash FROM monitoring_audit WHERE alert = :a
                ORDER BY at, id""").bind("a", id.value())
                .map((rs, ctx) -> new AlertAudit(Sql.uuid(rs, "id"), new AlertId(Sql.uuid(rs, "alert")),
                        AlertAudit.Action.valueOf(rs.getString("action")), rs.getString("actor"),
                        Sql.instant(rs, "at"), rs.getBytes("audit_event"), Sql.hash(rs, "hash")))
                .list());
    }

    private List<StoredAlert> alerts(String sql, Object key, int limit) {
        return tx.inTransaction("read alerts", h -> withNotices(h, h.createQuery(sql).bind("v", key)
                .bind("limit", limit).map((rs, ctx) -> row(rs)).list()));
    }

    /** An alert row without its notices yet (filled by {@link #withNotices}). */
    private record Row(StoredAlert alert, Duration step, Escalation.Status status, Instant nextDue,
            Optional<Escalation.Acknowledgement> ack) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        AlertId id = new AlertId(Sql.uuid(rs, "id"));
        Severity severity = Severity.valueOf(rs.getString("severity"));
        String by = rs.getString("acknowledged_by");
        Optional<Escalation.Acknowledgement> ack = by == null
                ? Optional.empty()
                : Optional.of(new Escalation.Acknowledgement(new EvmAddress(by), Sql.instant(rs, "acknowledged_at")));
        StoredAlert a = new StoredAlert(id, new AccountId(Sql.uuid(rs, "patient")), severity, Sql.instant(rs,
                "data_at"), Sql.instant(rs, "raised_at"),
                new SealedRecord(rs.getBytes("ciphertext"), rs.getBytes(
                        "wrapped_key_node"), rs.getBytes("wrapped_key_patient")),
                null, Optional.ofNullable(
                        Sql.instant(rs, "cleared_at")));
        return new Row(a, Duration.ofMillis(rs.getLong("step_millis")), Escalation.Status.valueOf(rs.getString(
                "status")), Sql.instant(rs, "next_due"), ack);
    }

    private static List<StoredAlert> withNotices(Handle h, List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Escalation.Notice>> notices = new HashMap<>();
        h.createQuery("""
                SELECT alert, recipient, role, sent_at, level FROM monitoring_notice WHERE alert = ANY(:ids)
                ORDER BY position""")
                .bind("ids", Sql.uuidArray(rows.stream().map(r -> r.alert().id().value()).toList()))
                .map((rs, ctx) -> notices.computeIfAbsent(Sql.uuid(rs, "alert"), k -> new ArrayList<>()).add(
                        new Escalation.Notice(new Recipient(new EvmAddress(rs.getString("recipient")),
                                Recipient.Role.valueOf(rs.getString("role"))), Sql.instant(rs, "sent_at"),
                                rs
                                        .getInt("level"))))
                .list();
        return rows.stream().map(r -> {
            StoredAlert a = r.alert();
            Escalation e = new Escalation(a.id(), a.severity(), r.step(), notices.getOrDefault(a.id().value(),
                    List.of()), r.nextDue(), r.status(), r.ack());
            return new StoredAlert(a.id(), a.patient(), a.severity(), a.dataAt(), a.raisedAt(), a.sealed(), e,
                    a.clearedAt());
        }).toList();
    }

    private static void notices(Handle h, AlertId id, List<Escalation.Notice> notices) {
        for (int i = 0; i < notices.size(); i++) {
            Escalation.Notice n = notices.get(i);
            h.createUpdate("""
                    INSERT INTO monitoring_notice (alert, position, recipient, role, sent_at, level)
                    VALUES (:a, :position, :to, :role, :at, :level) ON CONFLICT (alert, recipient) DO NOTHING""")
                    .bind("a", id.value()).bind("position", i).bind("to", n.to().address().hex())
                    .bind("role", n.to().role().name()).bind("at", Sql.ts(n.at())).bind("level", n.level())
                    .execute();
        }
    }

    private static void audits(Handle h, List<AlertAudit> audits) {
        for (AlertAudit a : audits) {
            h.createUpdate("""
                    INSERT INTO monitoring_audit (id, alert, action, actor, at, audit_event, hash)
                    VALUES (:id, :alert, :action, :actor, :at, :json, :hash)""")
                    .bind("id", a.id()).bind("alert", a.alert().value()).bind("action", a.action().name())
                    .bind("actor", a.actor()).bind("at", Sql.ts(a.at())).bind("json", a.auditEventJson())
                    .bind("hash", a.hash().bytes()).execute();
        }
    }

    private static PlanConfig plan(ResultSet rs) throws SQLException {
        List<AccountId> providers = new ArrayList<>();
        for (Object o : (Object[]) rs.getArray("providers").getArray()) {
            providers.add(new AccountId((UUID) o));
        }
        String[] measures = Sql.textArray(rs, "silence_measures");
        Array seconds = rs.getArray("silence_seconds");
        Object[] secs = (Object[]) seconds.getArray();
        Map<Measure, Duration> silence = new EnumMap<>(Measure.class);
        for (int i = 0; i < measures.length; i++) {
            silence.put(Measure.valueOf(measures[i]), Duration.ofSeconds(((Number) secs[i]).longValue()));
        }
        return new PlanConfig(providers, silence);
    }
}
