package io.salus.store;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.bytes;
import static io.salus.testkit.data.StoreFixtures.hash;
import static io.salus.testkit.data.StoreFixtures.newAccount;
import static io.salus.testkit.data.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.account.NewAccount;
import io.salus.core.device.Measure;
import io.salus.core.monitoring.Alert;
import io.salus.core.monitoring.AlertId;
import io.salus.core.monitoring.Escalation;
import io.salus.core.monitoring.Recipient;
import io.salus.core.monitoring.RuleId;
import io.salus.core.monitoring.Severity;
import io.salus.core.port.MonitoringStore.StoredAlert;
import io.salus.core.record.SealedRecord;
import io.salus.core.usecase.monitoring.AlertAudit;
import io.salus.core.usecase.monitoring.PlanConfig;
import io.salus.testkit.postgres.WithPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class PostgresMonitoringStoreIT {
    static PostgresAccountStore accounts;
    static PostgresMonitoringStore store;
    static PostgresErasureStore erasures;

    @BeforeAll
    static void start(Database db) {
        accounts = new PostgresAccountStore(db.jdbi(), Clock.fixed(T0, ZoneOffset.UTC));
        store = new PostgresMonitoringStore(db.jdbi());
        erasures = new PostgresErasureStore(db.jdbi());
    }

    static NewAccount create(AccountKind kind) {
        NewAccount a = newAccount(kind, T0);
        accounts.create(a, registration(a));
        return a;
    }

    static StoredAlert alert(AccountId patient, Severity severity, List<Recipient> ladder, Instant at) {
        Alert a = new Alert(AlertId.of(patient, new RuleId("tachycardia"), at), patient, new RuleId("tachycardia"),
                "Tachycardia", severity, Optional.of(Measure.HEART_RATE), Optional.of(131.0), "/min", at, at, "x");
        Escalation.Step step = Escalation.start(a, ladder, Duration.ofMinutes(10), at);
        return new StoredAlert(a.id(), patient, severity, at, at, new SealedRecord(bytes(40), bytes(60), bytes(90)),
                step.state(), Optional.empty());
    }

    static AlertAudit audit(AlertId id, AlertAudit.Action action, String actor, Instant at) {
        return new AlertAudit(UUID.randomUUID(), id, action, actor, at, ("{\"a\":\"" + action + "\"}").getBytes(),
                hash());
    }

    @Test
    void aPlanIsStoredAndReplaced_andOnlyPlansWithSilenceRulesAreListedForTheClock() {
        AccountId patient = create(AccountKind.PATIENT).account().id();
        AccountId doctor = create(AccountKind.PHYSICIAN).account().id();
        assertThat(store.plan(patient)).isEmpty();
        store.savePlan(patient, new PlanConfig(List.of(doctor), Map.of(Measure.HEART_RATE, Duration.ofMinutes(30))));
        assertThat(store.plan(patient)).contains(new PlanConfig(List.of(doctor), Map.of(Measure.HEART_RATE,
                Duration.ofMinutes(30))));
        assertThat(store.withSilenceRules()).contains(patient);
        store.savePlan(patient, new PlanConfig(List.of(), Map.of()));
        assertThat(store.plan(patient)).contains(PlanConfig.DEFAULT);
        assertThat(store.withSilenceRules()).doesNotContain(patient);
    }

    @Test
    void anAlertIsStoredOnce_withItsSealedContentNoticesAndAudit_andFoundByEachRecipient() {
        NewAccount patient = create(AccountKind.PATIENT);
        NewAccount carer = create(AccountKind.CAREGIVER);
        EvmAddress stranger = create(AccountKind.PHYSICIAN).account().address();
        List<Recipient> ladder = List.of(new Recipient(patient.account().address(), Recipient.Role.PATIENT),
                new Recipient(carer.account().address(), Recipient.Role.DELEGATE));
        StoredAlert a = alert(patient.account().id(), Severity.WARNING, ladder, T0);
        List<AlertAudit> audits = List.of(audit(a.id(), AlertAudit.Action.RAISED, "node", T0),
                audit(a.id(), AlertAudit.Action.NOTIFIED, carer.account().address().hex(), T0.plusMillis(1)));

        assertThat(store.raise(a, audits)).isTrue();
        assertThat(store.raise(a, audits)).as("the same alert again").isFalse();

        StoredAlert found = store.find(a.id()).orElseThrow();
        assertThat(found.sealed().ciphertext()).isEqualTo(a.sealed().ciphertext());
        assertThat(found.sealed().wrappedKeyForPatient()).isEqualTo(a.sealed().wrappedKeyForPatient());
        assertThat(found.escalation()).isEqualTo(a.escalation());
        assertThat(store.ofPatient(patient.account().id(), 10)).extracting(StoredAlert::id).containsExactly(a.id());
        assertThat(store.notifiedTo(carer.account().address(), 10)).extracting(StoredAlert::id)
                .containsExactly(a.id());
        assertThat(store.notifiedTo(stranger, 10)).isEmpty();
        assertThat(store.audits(a.id())).extracting(AlertAudit::action).containsExactly(AlertAudit.Action.RAISED,
                AlertAudit.Action.NOTIFIED);
        assertThat(store.audits(a.id()).get(0).auditEventJson()).isEqualTo(audits.get(0).auditEventJson());
    }

    @Test
    void anOpenUrgentAlertIsDueUntilEscalatedAndAcknowledged_andAClearedOneIsNoLongerUncleared() {
        NewAccount patient = create(AccountKind.PATIENT);
        NewAccount carer = create(AccountKind.CAREGIVER);
        List<Recipient> ladder = List.of(new Recipient(patient.account().address(), Recipient.Role.PATIENT),
                new Recipient(carer.account().address(), Recipient.Role.DELEGATE));
        StoredAlert a = alert(patient.account().id(), Severity.URGENT, ladder, T0);
        store.raise(a, List.of());
        assertThat(store.due(T0.plus(Duration.ofMinutes(10)), 1000)).extracting(StoredAlert::id).contains(a.id());
        assertThat(store.due(T0.plus(Duration.ofMinutes(9)), 1000)).extracting(StoredAlert::id)
                .doesNotContain(a.id());

        Escalation.Step escalated = a.escalation().tick(T0.plus(Duration.ofMinutes(10)), ladder);
        Escalation acked = escalated.state().acknowledge(carer.account().address(), T0.plus(Duration.ofMinutes(11)))
                .orElseThrow();
        store.update(a.id(), escalated.state(), List.of());
        assertThat(store.find(a.id()).orElseThrow().escalation()).isEqualTo(escalated.state());
        store.update(a.id(), acked, List.of(audit(a.id(), AlertAudit.Action.ACKNOWLEDGED, carer.account().address()
                .hex(), T0.plus(Duration.ofMinutes(11)))));
        assertThat(store.find(a.id()).orElseThrow().escalation()).isEqualTo(acked);
        assertThat(store.due(T0.plus(Duration.ofDays(1)), 1000)).extracting(StoredAlert::id).doesNotContain(a.id());

        assertThat(store.uncleared(patient.account().id())).extracting(StoredAlert::id).containsExactly(a.id());
        store.cleared(a.id(), T0.plus(Duration.ofMinutes(12)));
        assertThat(store.uncleared(patient.account().id())).isEmpty();
        assertThat(store.find(a.id()).orElseThrow().clearedAt()).isPresent();
    }

    @Test
    void erasingThePatient_deletesTheirAlertsAndPlan() {
        NewAccount patient = create(AccountKind.PATIENT);
        AccountId id = patient.account().id();
        StoredAlert a = alert(id, Severity.WARNING, List.of(new Recipient(patient.account().address(),
                Recipient.Role.PATIENT)), T0);
        store.raise(a, List.of(audit(a.id(), AlertAudit.Action.RAISED, "node", T0)));
        store.savePlan(id, new PlanConfig(List.of(), Map.of(Measure.OXYGEN_SATURATION, Duration.ofHours(1))));

        erasures.erase(id, T0.plusSeconds(1));

        assertThat(store.find(a.id())).isEmpty();
        assertThat(store.audits(a.id())).isEmpty();
        assertThat(store.plan(id)).isEmpty();
    }
}
