package io.salus.node.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.device.Measure;
import io.salus.core.device.Measurement;
import io.salus.core.device.VitalSign;
import io.salus.core.monitoring.Alert;
import io.salus.core.monitoring.Escalation;
import io.salus.core.monitoring.Escalator;
import io.salus.core.monitoring.Recipient;
import io.salus.core.port.MonitoringStore.StoredAlert;
import io.salus.core.usecase.consent.ConsentSync;
import io.salus.core.usecase.monitoring.MonitoringService;
import io.salus.core.usecase.monitoring.PlanConfig;
import io.salus.fhir.monitoring.HapiAlertFhir;
import io.salus.store.Database;
import io.salus.store.PostgresMonitoringStore;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.postgres.WithPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MonitoringService} on the real store, keys and consent projection, with a clock the test moves: silence on the
 * clock, escalation to the chosen provider step by step until nobody is left, and rules that stay active across a
 * restart of the service (no alert raised twice).
 */
@WithPostgres
@WithChain
class MonitoringServiceIT {
    private static final Duration STEP = Duration.ofMinutes(10);
    @TempDir
    static Path dir;
    static Adapters a;
    static ConsentSync sync;
    static PostgresMonitoringStore store;
    final MovingClock clock = new MovingClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Account patient;

    @BeforeAll
    static void start(Database db, TestChain chain) {
        a = new Adapters(db, chain, dir);
        sync = a.consentSync();
        store = new PostgresMonitoringStore(db.jdbi());
    }

    @BeforeEach
    void aPatient() {
        patient = a.open(AccountKind.PATIENT, "Monitored patient");
    }

    MonitoringService service() {
        return new MonitoringService(a.accounts, store, a.keys, new HapiAlertFhir(FhirContext.forR4Cached()),
                p -> {
                    sync.toHead();
                    return a.consents.delegationsOf(p);
                }, new Escalator(clock, STEP), clock);
    }

    Measurement pulse(double bpm, Instant at) {
        return Measurement.of(VitalSign.HEART_RATE, bpm, at);
    }

    @Test
    void aStreamSilentForItsPeriod_raisesItsOwnAlertOnTheClock_andTheNextReadingClearsIt() {
        store.savePlan(patient.id(), new PlanConfig(List.of(), Map.of(Measure.HEART_RATE, Duration.ofMinutes(30))));
        MonitoringService monitoring = service();
        monitoring.observeAll(patient.id(), List.of(pulse(70, clock.instant())));

        clock.advance(Duration.ofMinutes(29));
        monitoring.tick();
        assertThat(store.ofPatient(patient.id(), 10)).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        monitoring.tick();
        List<StoredAlert> raised = store.ofPatient(patient.id(), 10);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).escalation().notices()).extracting(n -> n.to().role())
                .containsExactly(Recipient.Role.PATIENT);
        monitoring.tick();
        assertThat(store.ofPatient(patient.id(), 10)).as("silent still: no second alert").hasSize(1);

        monitoring.observeAll(patient.id(), List.of(pulse(72, clock.instant())));
        assertThat(store.uncleared(patient.id())).isEmpty();
    }

    @Test
    void anUnacknowledgedUrgentAlert_reachesTheChosenProviderAfterOneStep_thenIsExhausted() {
        Account doctor = a.open(AccountKind.PHYSICIAN, "Chosen cardiologist");
        store.savePlan(patient.id(), new PlanConfig(List.of(doctor.id()), Map.of()));
        MonitoringService monitoring = service();
        List<Alert> raised = monitoring.observeAll(patient.id(), List.of(pulse(35, clock.instant())));
        assertThat(raised).extracting(x -> x.rule().value()).containsExactly("bradycardia");

        clock.advance(STEP.minusSeconds(1));
        assertThat(monitoring.tick()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(monitoring.tick()).isEqualTo(1);
        Escalation e = store.find(raised.get(0).id()).orElseThrow().escalation();
        assertThat(e.notices()).extracting(n -> n.to().address()).containsExactly(patient.address(),
                doctor.address());
        assertThat(e.status()).isEqualTo(Escalation.Status.OPEN);

        clock.advance(STEP);
        monitoring.tick();
        assertThat(store.find(raised.get(0).id()).orElseThrow().escalation().status())
                .isEqualTo(Escalation.Status.EXHAUSTED);
        assertThat(store.audits(raised.get(0).id())).hasSize(3);
    }

    @Test
    void aRuleActiveBeforeARestart_staysActive_soTheSameConditionRaisesNothingNew() {
        List<Alert> first = service().observeAll(patient.id(), List.of(pulse(130, clock.instant())));
        assertThat(first).hasSize(1);

        MonitoringService restarted = service();
        clock.advance(Duration.ofMinutes(1));
        assertThat(restarted.observeAll(patient.id(), List.of(pulse(140, clock.instant())))).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        restarted.observeAll(patient.id(), List.of(pulse(80, clock.instant())));
        assertThat(store.find(first.get(0).id()).orElseThrow().clearedAt()).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(restarted.observeAll(patient.id(), List.of(pulse(135, clock.instant())))).hasSize(1);
    }

    /** A clock the test moves forward. */
    static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
